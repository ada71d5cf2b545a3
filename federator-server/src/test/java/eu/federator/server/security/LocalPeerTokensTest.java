package eu.federator.server.security;

import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.server.config.ConfigurationError;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalPeerTokensTest {
    static final LocalAdminToken ADMIN = LocalAdminToken.resolve("the-admin-token-0123456789", TestDirectories.newDataDir("federator-peer-tokens-"));

    @Test
    void eachTokenIsRecognisedAndNothingElse() {
        LocalPeerTokens tokens = LocalPeerTokens.of(List.of("peer-token-one-0123456789", " peer-token-two-0123456789 "), ADMIN);
        assertThat(tokens.match("peer-token-one-0123456789")).contains(1);
        assertThat(tokens.match("peer-token-two-0123456789")).contains(2);
        assertThat(tokens.match("peer-token-two-012345678")).isEmpty();
        assertThat(tokens.match("the-admin-token-0123456789")).isEmpty();
        assertThat(tokens.match(null)).isEmpty();
        assertThat(tokens.toString()).isEqualTo("LocalPeerTokens[2]");
    }

    @Test
    void shortTokensAndTheAdminTokenAreRefusedWithoutShowingThem() {
        assertThatThrownBy(() -> LocalPeerTokens.of(List.of("peer-token-one-0123456789", "short"), ADMIN))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("peer-tokens[1]").hasMessageNotContaining("short\"");
        assertThatThrownBy(() -> LocalPeerTokens.of(List.of("the-admin-token-0123456789"), ADMIN))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("is the admin token")
                .hasMessageNotContaining("the-admin-token-0123456789");
    }

    @Test
    void aPeerTokenAuthenticatesAsAPeerOnly() {
        var manager = SecurityConfiguration.local(ADMIN, LocalPeerTokens.of(List.of("peer-token-one-0123456789"), ADMIN));
        var peer = manager.authenticate(new org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken(
                "peer-token-one-0123456789"));
        assertThat(((Caller) peer.getPrincipal()).roles()).containsExactly(Role.FEDERATION_PEER);
        assertThat(((Caller) peer.getPrincipal()).kind()).isEqualTo(Caller.Kind.LOCAL_PEER);
        var admin = manager.authenticate(new org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken(
                "the-admin-token-0123456789"));
        assertThat(((Caller) admin.getPrincipal()).roles()).containsExactly(Role.CATALOGUE_ADMIN);
    }
}
