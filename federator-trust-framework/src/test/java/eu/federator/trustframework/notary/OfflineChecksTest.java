package eu.federator.trustframework.notary;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static eu.federator.trustframework.notary.RegistrationNumberType.EORI;
import static eu.federator.trustframework.notary.RegistrationNumberType.EUID;
import static eu.federator.trustframework.notary.RegistrationNumberType.LEI_CODE;
import static eu.federator.trustframework.notary.RegistrationNumberType.TAX_ID;
import static eu.federator.trustframework.notary.RegistrationNumberType.VAT_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Offline checks with publicly documented example numbers (the python-stdnum documentation examples, the Gaia-X Tagus
 * fixtures' notary credentials, well-known companies' LEIs); the invalid ones are the same numbers with one check
 * character changed.
 */
class OfflineChecksTest {

    @ParameterizedTest(name = "{0} valid with check digits")
    @CsvSource({
            "ATU13585627, AT", "BE0403019261, BE", "BE0762747721, BE", "CZ25123891, CZ", "CZ640903926, CZ", "CZ7103192745, CZ",
            "DE136695976, DE", "DK13585628, DK", "ESA13585625, ES", "ESJ99216582, ES", "ES54362315K, ES", "ESX2482300W, ES",
            "FI20774740, FI", "FR40303265045, FR", "FR87880851399, FR", "IE6433435F, IE", "IE6433435OA, IE", "IE8D79739I, IE",
            "IT00743110157, IT", "IT00950501007, IT", "NL004495445B01, NL", "NL000099998B57, NL", "PL8567346215, PL",
            "PT501964843, PT", "SE123456789701, SE"})
    void validVatNumbersWithCheckDigits(String vat, String country) {
        OfflineCheck check = OfflineChecks.check(VAT_ID, vat);
        assertThat(check.valid()).as(check.reason()).isTrue();
        assertThat(check.checkDigits()).isTrue();
        assertThat(check.countryCode()).isEqualTo(country);
        assertThat(check.normalized()).isEqualTo(vat);
    }

    @ParameterizedTest(name = "{0} invalid: {1}")
    @CsvSource(delimiter = '|', value = {
            "ATU13585626|wrong check digit (expected 7, found 6)",
            "BE0403019262|wrong check digits (expected 61, found 62)",
            "CZ25123892|wrong check digit (expected 1, found 2)",
            "CZ640903927|wrong check digit (expected 6, found 7)",
            "CZ7103192746|divisible by 11",
            "DE136695978|wrong check digit (expected 6, found 8)",
            "DK13585627|not divisible by 11",
            "ESA13585624|wrong control character (expected 5, found 4)",
            "ESJ99216583|wrong control character (expected 2 or B, found 3)",
            "ES54362315J|wrong control letter (expected K, found J)",
            "ESX2482300A|wrong control letter (expected W, found A)",
            "FI20774741|wrong check digit (expected 0, found 1)",
            "FR41303265045|wrong key (expected 40, found 41)",
            "IE6433435G|wrong check letter (expected F, found G)",
            "IE8D79739J|wrong check letter (expected I, found J)",
            "IT00743110158|wrong check digit (expected 7, found 8)",
            "NL004495446B01|neither the weighted mod 11 rule",
            "PL8567346216|wrong check digit (expected 5, found 6)",
            "PT501964842|wrong check digit (expected 3, found 2)",
            "SE123456789801|Luhn over the first 10 digits fails"})
    void invalidCheckDigitsAreRejectedWithTheExpectedValue(String vat, String reason) {
        OfflineCheck check = OfflineChecks.check(VAT_ID, vat);
        assertThat(check.valid()).isFalse();
        assertThat(check.reason()).startsWith(vat + ": ").contains(reason);
    }

    @ParameterizedTest(name = "{0} format only")
    @CsvSource({"BG175074752, BG", "CY10259033P, CY", "EE100931558, EE", "EL094259216, GR", "HR33392005961, HR", "HU12892312, HU",
            "LT119511515, LT", "LU15027442, LU", "LV40003521600, LV", "MT15121333, MT", "RO18547290, RO", "SI50223054, SI",
            "SK2022749619, SK", "XI123456789, XI", "XIGD001, XI"})
    void otherMemberStatesAreCheckedForTheirFormat(String vat, String country) {
        OfflineCheck check = OfflineChecks.check(VAT_ID, vat);
        assertThat(check.valid()).as(check.reason()).isTrue();
        assertThat(check.checkDigits()).isFalse();
        assertThat(check.countryCode()).isEqualTo(country);
        assertThat(check.reason()).contains("no check-digit algorithm");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "GR094259216|use the prefix EL, not GR: EL094259216",
            "GB333289454|not in VIES since 2021",
            "US123456789|\"US\" is not a VAT prefix",
            "DE12345678|a DE VAT number is DE followed by 9 digits, not starting with 0; \"12345678\" is not",
            "123456789|starts with its 2-letter country prefix",
            "ATX1234567|\"U\" and 8 digits",
            "BE2403019261|10 digits starting with 0 or 1",
            "NL004495445C01|9 digits, \"B\" and 2 digits",
            "ESI1234567A|\"I\" is not a Spanish entity type letter",
            "|the VAT number is empty"})
    void malformedVatNumbersSayWhatIsWrong(String vat, String reason) {
        OfflineCheck check = OfflineChecks.check(VAT_ID, vat);
        assertThat(check.valid()).isFalse();
        assertThat(check.reason()).contains(reason);
    }

    @Test
    void separatorsAndCaseAreNormalised() {
        OfflineCheck check = OfflineChecks.check(VAT_ID, " de 136-695.976 ");
        assertThat(check.valid()).isTrue();
        assertThat(check.normalized()).isEqualTo("DE136695976");
    }

    @ParameterizedTest
    @CsvSource({"5493001KJTIIGC8Y1R12", "HWUPKR0MPOU8FGXBT394", "529900T8BM49AURSDO55"})
    void validLeis(String lei) {
        OfflineCheck check = OfflineChecks.check(LEI_CODE, lei);
        assertThat(check.valid()).as(check.reason()).isTrue();
        assertThat(check.checkDigits()).isTrue();
        assertThat(check.countryCode()).isNull();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "5493001KJTIIGC8Y1R13|the check digits of LEI 5493001KJTIIGC8Y1R13 are wrong (ISO 7064 MOD 97-10 over the code must be 1, it is 2)",
            "HWUPKR0MPOU8FGXBT39|an LEI has 20 characters (ISO 17442); \"HWUPKR0MPOU8FGXBT39\" has 19",
            "HWUPKR0MPOU8FGXBT3A4|18 letters or digits followed by 2 check digits",
            "HWUPKR0MPOU8FGXBT39-|18 letters or digits followed by 2 check digits"})
    void invalidLeis(String lei, String reason) {
        OfflineCheck check = OfflineChecks.check(LEI_CODE, lei);
        assertThat(check.valid()).isFalse();
        assertThat(check.reason()).contains(reason);
    }

    @ParameterizedTest
    @CsvSource({"DE123456789012345, DE", "FR12345678901234, FR", "GB123456789000, GB", "XI123456789000, XI", "GR099999999, GR",
            "IE1234567A, IE"})
    void validEoris(String eori, String country) {
        OfflineCheck check = OfflineChecks.check(EORI, eori);
        assertThat(check.valid()).as(check.reason()).isTrue();
        assertThat(check.countryCode()).isEqualTo(country);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "DE1234567890123456|at most 17 characters",
            "US123456|\"US\" is not an EU member state, GB or XI",
            "EL123456789|start with the ISO code GR, not EL",
            "DE|2-letter country code followed by 1 to 15 letters or digits",
            "DE12_34|2-letter country code followed by 1 to 15 letters or digits"})
    void invalidEoris(String eori, String reason) {
        OfflineCheck check = OfflineChecks.check(EORI, eori);
        assertThat(check.valid()).isFalse();
        assertThat(check.reason()).contains(reason);
    }

    @ParameterizedTest
    @CsvSource({"DEK1101R.HRB116737, DE", "FR7501.552081317, FR", "NOBRC.923609016, NO", "ELGEMI.123456789, GR"})
    void validEuids(String euid, String country) {
        OfflineCheck check = OfflineChecks.check(EUID, euid);
        assertThat(check.valid()).as(check.reason()).isTrue();
        assertThat(check.countryCode()).isEqualTo(country);
        assertThat(check.checkDigits()).isFalse();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {"DEK1101RHRB116737|a country code, a register code, \".\" and the registration number",
            "USNY.12345|\"US\" is not an EU or EEA state", "DE.HRB1|a country code, a register code"})
    void invalidEuids(String euid, String reason) {
        OfflineCheck check = OfflineChecks.check(EUID, euid);
        assertThat(check.valid()).isFalse();
        assertThat(check.reason()).contains(reason);
    }

    @Test
    void taxIdsAreCheckedForTheirFormatOnly() {
        assertThat(OfflineChecks.check(TAX_ID, "12/345/67890").valid()).isTrue();
        assertThat(OfflineChecks.check(TAX_ID, "12/345/67890").checkDigits()).isFalse();
        assertThat(OfflineChecks.check(TAX_ID, "x").reason()).contains("2 to 40 letters");
        assertThat(OfflineChecks.check(TAX_ID, "12<script>").valid()).isFalse();
        assertThat(OfflineChecks.check(TAX_ID, null).reason()).isEqualTo("the tax ID is empty");
    }
}
