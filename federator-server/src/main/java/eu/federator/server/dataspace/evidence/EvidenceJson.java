package eu.federator.server.dataspace.evidence;

import eu.federator.credentials.json.Json;
import eu.federator.credentials.json.JsonSyntaxException;
import eu.federator.dataspace.evidence.AgreementRecord;
import eu.federator.dataspace.evidence.Notification;
import eu.federator.dataspace.log.ExchangeChain;
import eu.federator.dataspace.log.LogEntry;
import eu.federator.server.web.ProblemType;
import eu.federator.server.web.Problems;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** JSON of the evidence endpoints and their RFC 9457 refusals. */
final class EvidenceJson {
    /** The Linked Data Notifications inbox relation (discovery through {@code Link}). */
    static final String LDP_INBOX = "http://www.w3.org/ns/ldp#inbox";
    static final MediaType VC_JWT = MediaType.parseMediaType("application/vc+jwt");
    static final MediaType LD_JSON = MediaType.parseMediaType("application/ld+json");

    private EvidenceJson() {
    }

    static ResponseEntity<String> ok(JsonObject body, HttpHeaders headers) {
        return ResponseEntity.ok().headers(headers).contentType(MediaType.APPLICATION_JSON).body(Json.write(body));
    }

    static ErrorResponseException problem(HttpStatus status, String detail) {
        ProblemDetail problem = status == HttpStatus.BAD_REQUEST ? Problems.of(ProblemType.MALFORMED_INPUT, status, detail)
                : Problems.of(status, detail);
        return new ErrorResponseException(status, problem, null);
    }

    static String inboxLink(String inboxUrl) {
        return "<" + inboxUrl + ">; rel=\"" + LDP_INBOX + "\"";
    }

    static JsonObject parseObject(byte[] body, String what) {
        JsonValue value;
        try {
            value = Json.parse(body == null ? new byte[0] : body);
        } catch (JsonSyntaxException e) {
            throw problem(HttpStatus.BAD_REQUEST, what + " is not well-formed JSON: " + e.getMessage());
        }
        if (!(value instanceof JsonObject object)) {
            throw problem(HttpStatus.BAD_REQUEST, what + " must be a JSON object");
        }
        return object;
    }

    static JsonObject entry(LogEntry e) {
        return ExchangeChain.entryJson(e);
    }

    /** What the management API shows of an agreement; with {@code full}, the agreement and its credential too. */
    static JsonObject agreement(AgreementRecord r, boolean full) {
        JsonObjectBuilder b = Json.provider().createObjectBuilder()
                .add("agreementId", r.agreementId())
                .add("role", r.role().name())
                .add("negotiationId", r.negotiationId());
        nullable(b, "consumerPid", r.consumerPid());
        nullable(b, "providerPid", r.providerPid());
        b.add("counterPartyId", r.counterPartyId());
        nullable(b, "target", r.target());
        nullable(b, "assigner", r.assigner());
        nullable(b, "assignee", r.assignee());
        b.add("issued", r.issued().toString()).add("credentialId", r.credentialId());
        if (full) {
            try {
                b.add("agreement", Json.parse(r.agreement().getBytes(StandardCharsets.UTF_8)));
            } catch (JsonSyntaxException e) {
                throw new IllegalStateException("stored agreement " + r.agreementId() + " is not JSON", e);
            }
            b.add("credential", r.credential());
        }
        return b.build();
    }

    static JsonObject notification(Notification n, String url) {
        JsonObjectBuilder b = Json.provider().createObjectBuilder()
                .add("@id", url)
                .add("id", n.id())
                .add("agreementId", n.agreementId())
                .add("sender", n.sender())
                .add("type", Json.provider().createArrayBuilder(n.types()))
                .add("event", n.event());
        nullable(b, "time", n.eventTime() == null ? null : n.eventTime().toString());
        nullable(b, "description", n.description());
        return b.add("received", n.received().toString()).add("digest", n.digest()).add("credential", n.credential()).build();
    }

    static void nullable(JsonObjectBuilder b, String name, String value) {
        if (value != null) {
            b.add(name, value);
        }
    }

    static String instant(Instant i) {
        return i == null ? null : i.toString();
    }
}
