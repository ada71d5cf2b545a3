package eu.federator.catalogue.federation;

import eu.federator.catalogue.sd.CatalogueEvent;
import eu.federator.catalogue.sd.Lifecycle;
import eu.federator.credentials.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * One page of {@code GET /federation/changes}:
 * <pre>{"catalogue": "https://a.example", "lastSequence": 42, "head": 57, "more": true,
 *  "events": [{"sequence": 41, "type": "stored", "sdHash": "…", "status": "active", "at": "…", "origin": null,
 *              "contentType": "application/vp+jwt", "content": "eyJ…"}, …]}</pre>
 * {@code content} is the exact submitted bytes as a string when they are UTF-8 text (JSON, JWT), else they are in
 * {@code contentBase64}.
 *
 * @param catalogue    the id (base URL) of the catalogue serving the feed, null if it has not configured one
 * @param lastSequence where the next page starts ({@code after=lastSequence}): the last event this page looked at,
 *                     exported or not
 * @param head         the last sequence of the catalogue's log when the page was read
 * @param more         the page was cut short (limit or size): ask again at once
 * @param events       the exported events in sequence order
 */
public record ChangePage(String catalogue, long lastSequence, long head, boolean more, List<Change> events) {
    public ChangePage {
        events = List.copyOf(events);
    }

    public JsonObject toJson() {
        JsonArrayBuilder events = Json.provider().createArrayBuilder();
        for (Change c : this.events) {
            JsonObjectBuilder e = Json.provider().createObjectBuilder()
                    .add("sequence", c.sequence())
                    .add("type", c.type().value())
                    .add("sdHash", c.sdHash());
            nullable(e, "status", c.status() == null ? null : c.status().value());
            e.add("at", c.at().toString());
            nullable(e, "origin", c.origin());
            if (c.type() == CatalogueEvent.Type.STORED) {
                nullable(e, "contentType", c.contentType());
                String text = c.content() == null ? null : utf8(c.content());
                if (c.content() != null && text == null) {
                    e.add("contentBase64", Base64.getEncoder().encodeToString(c.content()));
                } else {
                    nullable(e, "content", text);
                }
            }
            events.add(e);
        }
        JsonObjectBuilder page = Json.provider().createObjectBuilder();
        nullable(page, "catalogue", catalogue);
        return page.add("lastSequence", lastSequence).add("head", head).add("more", more).add("events", events).build();
    }

    /**
     * Reads a page as a peer sent it.
     *
     * @throws IllegalArgumentException naming what is wrong, when it is not a change-feed page
     */
    public static ChangePage fromJson(JsonObject json) {
        List<Change> events = new ArrayList<>();
        if (!(json.get("events") instanceof jakarta.json.JsonArray array)) {
            throw new IllegalArgumentException("not a change-feed page: \"events\" is not an array");
        }
        for (JsonValue v : array) {
            if (!(v instanceof JsonObject e)) {
                throw new IllegalArgumentException("not a change-feed page: an event is not an object");
            }
            long sequence = number(e, "sequence");
            String typeName = text(e, "type");
            CatalogueEvent.Type type;
            try {
                type = CatalogueEvent.Type.valueOf(typeName == null ? "" : typeName.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException x) {
                throw new IllegalArgumentException("event " + sequence + ": unknown type \"" + typeName + "\" (stored, status or deleted)");
            }
            String hash = text(e, "sdHash");
            if (hash == null || !hash.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("event " + sequence + ": sdHash is not a SHA-256 hex digest");
            }
            String statusName = text(e, "status");
            Lifecycle status = statusName == null ? null : Lifecycle.parse(statusName).orElseThrow(() ->
                    new IllegalArgumentException("event " + sequence + ": unknown status \"" + statusName + "\""));
            Instant at;
            try {
                at = Instant.parse(String.valueOf(text(e, "at")));
            } catch (DateTimeParseException x) {
                throw new IllegalArgumentException("event " + sequence + ": \"at\" is not an ISO-8601 instant");
            }
            byte[] content = null;
            String text = text(e, "content");
            String base64 = text(e, "contentBase64");
            if (text != null) {
                content = text.getBytes(StandardCharsets.UTF_8);
            } else if (base64 != null) {
                try {
                    content = Base64.getDecoder().decode(base64);
                } catch (IllegalArgumentException x) {
                    throw new IllegalArgumentException("event " + sequence + ": contentBase64 is not base64");
                }
            }
            events.add(new Change(sequence, type, hash, status, at, text(e, "origin"), text(e, "contentType"), content));
        }
        long last = number(json, "lastSequence");
        long head = json.get("head") instanceof JsonNumber n ? n.longValueExact() : last;
        boolean more = json.get("more") == JsonValue.TRUE;
        return new ChangePage(text(json, "catalogue"), last, head, more, events);
    }

    private static void nullable(JsonObjectBuilder b, String name, String value) {
        if (value == null) {
            b.addNull(name);
        } else {
            b.add(name, value);
        }
    }

    private static String text(JsonObject o, String name) {
        return o.get(name) instanceof JsonString s ? s.getString() : null;
    }

    private static long number(JsonObject o, String name) {
        if (o.get(name) instanceof JsonNumber n && n.isIntegral() && n.longValue() >= 0) {
            return n.longValue();
        }
        throw new IllegalArgumentException("not a change-feed page: \"" + name + "\" is not a non-negative integer");
    }

    /** The bytes as text if they are well-formed UTF-8 (so that the string round-trips to exactly these bytes). */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
