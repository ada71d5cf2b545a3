package eu.federator.server.security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityPropertiesBindingTest {

    static FederatorSecurityProperties bind(Map<String, String> map) {
        return new Binder(new MapConfigurationPropertySource(map)).bindOrCreate("federator.security", FederatorSecurityProperties.class);
    }

    @Test
    void defaults() {
        FederatorSecurityProperties p = bind(Map.of());
        assertThat(p.oidc()).isFalse();
        assertThat(p.publicReads()).isTrue();
        assertThat(p.clockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.audiences()).containsExactly("federated-catalogue");
        assertThat(p.roleClaim()).isEqualTo("resource_access.federated-catalogue.roles");
    }

    @Test
    void anExplicitlyEmptyAudienceListTurnsTheCheckOff() {
        assertThat(bind(Map.of("federator.security.audiences", "")).audiences()).isEmpty();
        assertThat(bind(Map.of("federator.security.audiences", "a,b")).audiences()).containsExactly("a", "b");
    }

    @Test
    void clientIdDrivesTheDefaults() {
        FederatorSecurityProperties p = bind(Map.of("federator.security.client-id", "fc", "federator.security.issuer-uri", "https://idp/r"));
        assertThat(p.oidc()).isTrue();
        assertThat(p.roleClaim()).isEqualTo("resource_access.fc.roles");
        assertThat(p.audiences()).containsExactly("fc");
    }

    /** docs/operations.md prints the permission table: every pattern of the code's table must be in it. */
    @Test
    void theOperationsGuideListsEveryRule() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "operations.md"));
        String section = docs.substring(docs.indexOf("### Endpoint permissions"), docs.indexOf("### With Keycloak"));
        for (EndpointPermissions.Rule rule : EndpointPermissions.RULES) {
            assertThat(section).as(rule.pattern()).contains("`" + rule.pattern() + "`");
            for (Role role : rule.roles()) {
                assertThat(section).contains(role.roleName());
            }
        }
    }
}
