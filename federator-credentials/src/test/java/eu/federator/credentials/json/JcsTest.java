package eu.federator.credentials.json;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 8785 examples (sections 3.2.2, 3.2.3 and appendix B). */
class JcsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0|0", "-0|0", "1|1", "-1|-1", "4.50|4.5", "2e-3|0.002", "0.000001|0.000001", "1e-7|1e-7",
            "1e21|1e+21", "1e20|100000000000000000000", "1e30|1e+30", "333333333.33333329|333333333.3333333",
            "9007199254740992|9007199254740992", "9007199254740993|9007199254740992", "295147905179352830000|295147905179352830000",
            "-5e-324|-5e-324", "1.7976931348623157e308|1.7976931348623157e+308", "123456789012345680000|123456789012345680000",
            "0.1|0.1", "100|100", "12.5e1|125"})
    void numbersSerializeAsEcmaScriptDoes(String input, String expected) {
        assertThat(Jcs.number(new BigDecimal(input))).isEqualTo(expected);
    }

    @Test
    void membersAreSortedByUtf16CodeUnitsAndStringsEscapedMinimally() throws Exception {
        String input = "{\"numbers\":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"
                + "\"string\":\"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\"literals\":[null,true,false]}";
        String expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";

        assertThat(Jcs.canonicalize(Json.parse(input.getBytes(StandardCharsets.UTF_8)))).isEqualTo(expected);
    }

    @Test
    void sortingUsesUtf16CodeUnits() throws Exception {
        String input = "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\","
                + "\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\",\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";
        String canonical = Jcs.canonicalize(Json.parse(input.getBytes(StandardCharsets.UTF_8)));

        assertThat(canonical).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"ö\":\"Latin Small Letter O With Diaeresis\","
                + "\"€\":\"Euro Sign\",\"😀\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void numbersBeyondDoubleAreRefused() {
        assertThatThrownBy(() -> Jcs.number(new BigDecimal("1e400"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RFC 8785");
    }
}
