package eu.federator.server.portal.onboarding;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostedNamesTest {

    @Test
    void lowerCaseLettersDigitsAndInnerHyphensOf2To63CharactersAreNames() {
        assertThat(HostedNames.check("ab")).isEqualTo("ab");
        assertThat(HostedNames.check("acme-gmbh-2")).isEqualTo("acme-gmbh-2");
        assertThat(HostedNames.check("a".repeat(63))).hasSize(63);
    }

    @Test
    void everyOtherNameIsRefusedWithTheReason() {
        assertThatThrownBy(() -> HostedNames.check(null)).isInstanceOf(OnboardingException.class).hasMessageContaining("give a name");
        assertThatThrownBy(() -> HostedNames.check("a")).hasMessageContaining("has 1 characters; use 2 to 63");
        assertThatThrownBy(() -> HostedNames.check("a".repeat(64))).hasMessageContaining("has 64 characters");
        assertThatThrownBy(() -> HostedNames.check("Acme")).hasMessageContaining("contains 'A' at position 1")
                .hasMessageContaining("use lower case: 'acme'");
        assertThatThrownBy(() -> HostedNames.check("ac_me")).hasMessageContaining("contains '_' at position 3");
        assertThatThrownBy(() -> HostedNames.check("acme:x")).hasMessageContaining("contains ':'");
        assertThatThrownBy(() -> HostedNames.check("../x")).hasMessageContaining("contains '.'");
        assertThatThrownBy(() -> HostedNames.check("-acme")).hasMessageContaining("starts or ends with a hyphen");
        assertThatThrownBy(() -> HostedNames.check("acme-")).hasMessageContaining("starts or ends with a hyphen");
    }
}
