package eu.federator.credentials.json;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriterFactory;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The one entry point for JSON that comes from outside. Signed JSON-LD must be read exactly as it was
 * signed, so this parser is stricter than JSON-P's defaults: it rejects malformed UTF-8 (instead of
 * replacing it), duplicate keys (which other parsers resolve differently), oversize input and deep nesting,
 * always with a message that says what and where.
 */
public final class Json {

    private static final JsonProvider PROVIDER = new org.eclipse.parsson.JsonProviderImpl();
    private static final JsonLimits DEFAULTS = JsonLimits.defaults();
    private static final JsonParserFactory DEFAULT_PARSERS = parserFactory(DEFAULTS);
    private static final JsonWriterFactory WRITERS = PROVIDER.createWriterFactory(Map.of());

    private Json() {
    }

    /**
     * The shared JSON-P provider. {@code jakarta.json.Json.create*} look the provider up on every call, which
     * costs tens of microseconds; use this one instead.
     */
    public static JsonProvider provider() {
        return PROVIDER;
    }

    /** Parses untrusted bytes with {@link JsonLimits#defaults()}. */
    public static JsonValue parse(byte[] bytes) throws JsonSyntaxException {
        return parse(bytes, DEFAULTS);
    }

    /**
     * Parses one JSON value from UTF-8 bytes (a leading byte order mark is ignored).
     *
     * @throws JsonSyntaxException if the bytes are not exactly one JSON value within the limits
     */
    public static JsonValue parse(byte[] bytes, JsonLimits limits) throws JsonSyntaxException {
        if (bytes == null) {
            throw new JsonSyntaxException("no input");
        }
        if (bytes.length > limits.maxBytes()) {
            throw new JsonSyntaxException("input is " + bytes.length + " bytes, limit is " + limits.maxBytes() + " bytes");
        }
        String text = decodeUtf8(bytes);
        checkNesting(text, limits.maxDepth());
        JsonParserFactory factory = limits.equals(DEFAULTS) ? DEFAULT_PARSERS : parserFactory(limits);
        try (JsonParser parser = factory.createParser(new StringReader(text))) {
            try {
                if (!parser.hasNext()) {
                    throw new JsonSyntaxException("empty input: expected a JSON value");
                }
                parser.next();
                JsonValue value = parser.getValue();
                boolean more;
                try {
                    more = parser.hasNext();
                } catch (JsonParsingException e) {
                    more = true;
                }
                if (more) {
                    throw new JsonSyntaxException("unexpected content after the JSON value " + where(parser.getLocation()));
                }
                return value;
            } catch (JsonParsingException e) {
                String message = e.getMessage();
                throw new JsonSyntaxException(message != null && message.contains("line no=") ? message
                        : message + " " + where(e.getLocation()), e);
            } catch (JsonException | IllegalStateException e) {
                // duplicate keys (IllegalStateException from the object builder) and I/O-level problems
                throw new JsonSyntaxException(e.getMessage() + " " + where(parser.getLocation()), e);
            } catch (RuntimeException e) {
                // parsson signals some limits (nesting, number size) with plain RuntimeExceptions
                throw new JsonSyntaxException("invalid JSON " + where(parser.getLocation()) + ": " + e.getMessage(), e);
            }
        }
    }

    /** Parses untrusted bytes that must be a JSON object (a credential, a DID document, a context). */
    public static JsonObject parseObject(byte[] bytes) throws JsonSyntaxException {
        return parseObject(bytes, DEFAULTS);
    }

    public static JsonObject parseObject(byte[] bytes, JsonLimits limits) throws JsonSyntaxException {
        JsonValue value = parse(bytes, limits);
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new JsonSyntaxException("expected a JSON object, found " + value.getValueType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return value.asJsonObject();
    }

    /** Compact serialization (no insignificant whitespace). */
    public static String write(JsonValue value) {
        StringWriter out = new StringWriter();
        try (var writer = WRITERS.createWriter(out)) {
            writer.write(value);
        }
        return out.toString();
    }

    private static JsonParserFactory parserFactory(JsonLimits limits) {
        return PROVIDER.createParserFactory(Map.of(
                org.eclipse.parsson.api.JsonConfig.REJECT_DUPLICATE_KEYS, true,
                // backstop only: checkNesting reports the depth with a position first
                org.eclipse.parsson.api.JsonConfig.MAX_DEPTH, limits.maxDepth() + 2));
    }

    private static String decodeUtf8(byte[] bytes) throws JsonSyntaxException {
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length - start);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new JsonSyntaxException("invalid UTF-8 at byte offset " + in.position() + " (" + result.length() + " malformed byte(s))");
        }
        return out.flip().toString();
    }

    /** Linear scan so that nesting is refused before any recursive code sees it. */
    private static void checkNesting(String text, int maxDepth) throws JsonSyntaxException {
        int depth = 0;
        long line = 1;
        long column = 0;
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            column++;
            if (c == '\n') {
                line++;
                column = 0;
            }
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                if (++depth > maxDepth) {
                    throw new JsonSyntaxException("nesting deeper than " + maxDepth + " levels at line " + line + ", column " + column);
                }
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
    }

    private static String where(JsonLocation location) {
        if (location == null) {
            return "";
        }
        return "at line " + location.getLineNumber() + ", column " + location.getColumnNumber();
    }
}
