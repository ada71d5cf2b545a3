package eu.federator.server.cli;

import org.junit.jupiter.api.Test;

import static eu.federator.server.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

class NotaryCommandTest {

    @Test
    void aValidNumberExitsZero() {
        var result = run("notary", "check", "vat-id", "DE136695976");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).isEqualTo("valid vat-id DE136695976 (DE): DE VAT format and DE ISO 7064 MOD 11,10 check digit\n");
    }

    @Test
    void anInvalidNumberExitsOneWithTheReason() {
        var result = run("notary", "check", "lei-code", "5493001KJTIIGC8Y1R13");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(result.out()).contains("invalid lei-code: the check digits of LEI 5493001KJTIIGC8Y1R13 are wrong");
        assertThat(run("notary", "check", "eori", "US123").exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(run("notary", "check", "euid", "DEK1101R.HRB116737").exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run("notary", "check", "tax-id", "12/345/67890").exitCode()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void usageErrorsExitTwo() {
        var unknown = run("notary", "check", "duns", "123");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("unknown TYPE \"duns\"; use one of vat-id, lei-code, eori, euid, tax-id");
        assertThat(run("notary", "check", "vat-id").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("notary").exitCode()).isEqualTo(ExitCodes.USAGE);
    }
}
