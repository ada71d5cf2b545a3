package eu.federator.credentials.json;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parsesAndWritesCompactly() throws Exception {
        JsonValue value = Json.parse(utf8("{ \"a\" : [1, \"ü\", true, null] }"));
        assertThat(Json.write(value)).isEqualTo("{\"a\":[1,\"ü\",true,null]}");
    }

    @Test
    void ignoresAUtf8ByteOrderMark() throws Exception {
        byte[] withBom = utf8("\uFEFF{\"a\":1}");
        assertThat(Json.parseObject(withBom).getInt("a")).isEqualTo(1);
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        assertThatThrownBy(() -> Json.parse(utf8("{\n  \"a\": 1,\n  \"b\" 2\n}")))
                .isInstanceOf(JsonSyntaxException.class)
                .hasMessageContaining("line no=3");
    }

    @Test
    void rejectsContentAfterTheValue() {
        assertThatThrownBy(() -> Json.parse(utf8("{\"a\":1} {\"b\":2}")))
                .isInstanceOf(JsonSyntaxException.class)
                .hasMessageContaining("unexpected content after the JSON value at line 1");
    }

    @Test
    void rejectsEmptyInput() {
        assertThatThrownBy(() -> Json.parse(new byte[0])).isInstanceOf(JsonSyntaxException.class);
        assertThatThrownBy(() -> Json.parse(utf8("   "))).isInstanceOf(JsonSyntaxException.class);
    }

    @Test
    void rejectsDuplicateKeysBecauseParsersDisagreeOnWhichOneWins() {
        assertThatThrownBy(() -> Json.parse(utf8("{\"id\":\"a\",\"id\":\"b\"}")))
                .isInstanceOf(JsonSyntaxException.class)
                .hasMessageContaining("Duplicate key 'id'");
    }

    @Test
    void rejectsInvalidUtf8InsteadOfReplacingIt() {
        byte[] bytes = utf8("{\"a\":\"xx\"}");
        bytes[7] = (byte) 0xC3; // a lead byte followed by an ASCII byte
        assertThatThrownBy(() -> Json.parse(bytes))
                .isInstanceOf(JsonSyntaxException.class)
                .hasMessage("invalid UTF-8 at byte offset 7 (1 malformed byte(s))");
    }

    @Test
    void tenThousandLevelsOfNestingGiveACleanError() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertThatThrownBy(() -> Json.parse(utf8(deep)))
                .isInstanceOf(JsonSyntaxException.class)
                .hasMessage("nesting deeper than 200 levels at line 1, column 201");
        String deepObjects = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        assertThatThrownBy(() -> Json.parse(utf8(deepObjects)))
                .isInstanceOf(JsonSyntaxException.class)
                .hasMessageStartingWith("nesting deeper than 200 levels");
    }

    @Test
    void nestingAtTheLimitIsAccepted() throws Exception {
        String deep = "[".repeat(200) + "]".repeat(200);
        assertThat(Json.parse(utf8(deep)).getValueType()).isEqualTo(JsonValue.ValueType.ARRAY);
    }

    @Test
    void bracketsInsideStringsDoNotCount() throws Exception {
        String text = "{\"a\":\"" + "[{".repeat(500) + "\\\"[\"}";
        assertThat(Json.parseObject(utf8(text)).getString("a")).startsWith("[{[{");
    }

    @Test
    void parssonAloneWouldThrowAnUncheckedExceptionAtItsOwnDepthLimit() {
        // documents why Json pre-scans: parsson's MAX_DEPTH (default 1000) ends with a bare RuntimeException
        String deep = "[".repeat(1_500) + "]".repeat(1_500);
        assertThatThrownBy(() -> jakarta.json.spi.JsonProvider.provider()
                .createReader(new java.io.StringReader(deep)).read())
                .isExactlyInstanceOf(RuntimeException.class)
                .hasMessageContaining("too deeply nested");
    }

    @Test
    void fiftyMegabytesAreRefusedBeforeParsing() {
        byte[] big = new byte[50 * 1024 * 1024];
        Arrays.fill(big, (byte) ' ');
        assertThatThrownBy(() -> Json.parse(big))
                .isInstanceOf(JsonSyntaxException.class)
                .hasMessage("input is 52428800 bytes, limit is 10485760 bytes");
    }

    @Test
    void customLimits() throws Exception {
        JsonLimits small = new JsonLimits(10, 2);
        assertThatThrownBy(() -> Json.parse(utf8("[[[1]]]"), small)).hasMessageStartingWith("nesting deeper than 2 levels");
        assertThatThrownBy(() -> Json.parse(utf8("\"01234567890\""), small)).hasMessage("input is 13 bytes, limit is 10 bytes");
        assertThat(Json.parse(utf8("[[1]]"), small).asJsonArray()).hasSize(1);
        assertThatThrownBy(() -> new JsonLimits(1, 5_000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseObjectNamesWhatWasFound() {
        assertThatThrownBy(() -> Json.parseObject(utf8("[1]")))
                .isInstanceOf(JsonSyntaxException.class)
                .hasMessage("expected a JSON object, found array");
    }

    @Test
    void hugeExponentsDoNotCrashParsing() throws Exception {
        JsonObject o = Json.parseObject(utf8("{\"n\":1e999999999}"));
        assertThat(o.get("n").getValueType()).isEqualTo(JsonValue.ValueType.NUMBER);
    }
}
