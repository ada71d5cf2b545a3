package eu.federator.server.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JwtCallerConverterTest {

    static FederatorSecurityProperties props(String roleClaim, boolean realmRoles) {
        return new FederatorSecurityProperties("https://idp.example/realms/r", null, "federated-catalogue", roleClaim, realmRoles,
                null, "participant_id", Duration.ofSeconds(60), null, true);
    }

    static Jwt jwt(Map<String, Object> claims) {
        Jwt.Builder b = Jwt.withTokenValue("t").header("alg", "RS256").subject("alice").issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60));
        claims.forEach(b::claim);
        return b.build();
    }

    @Test
    void keycloakClientRolesOfOurClientOnlyWithAliasAndParticipant() {
        Jwt jwt = jwt(Map.of(
                "resource_access", Map.of(
                        "federated-catalogue", Map.of("roles", List.of("Ro-MU-CA", "Ro-AS-A", "something-else")),
                        "account", Map.of("roles", List.of("Ro-PA-A", "manage-account"))),
                "realm_access", Map.of("roles", List.of("Ro-MU-A")),
                "participant_id", "did:web:p.example"));
        CallerAuthentication auth = (CallerAuthentication) new JwtCallerConverter(props(null, false)).convert(jwt);
        Caller caller = auth.getPrincipal();
        assertThat(caller.roles()).containsExactlyInAnyOrder(Role.CATALOGUE_ADMIN, Role.SD_ADMIN);
        assertThat(auth.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactlyInAnyOrder("ROLE_Ro-MU-CA", "ROLE_Ro-SD-A");
        assertThat(caller.participantId()).isEqualTo("did:web:p.example");
        assertThat(caller.subject()).isEqualTo("alice");
        assertThat(caller.kind()).isEqualTo(Caller.Kind.OIDC);
        assertThat(caller.mayActFor("did:web:anyone")).isTrue();
    }

    @Test
    void realmRolesWhenConfiguredAndACustomClaimPath() {
        Jwt jwt = jwt(Map.of("realm_access", Map.of("roles", List.of("Ro-MU-A")), "fc", Map.of("roles", List.of("Ro-PA-A"))));
        Caller caller = new JwtCallerConverter(props("fc.roles", true)).convert(jwt) instanceof CallerAuthentication a ? a.getPrincipal() : null;
        assertThat(caller.roles()).containsExactlyInAnyOrder(Role.PARTICIPANT_ADMIN, Role.PARTICIPANT_USER_ADMIN);
        assertThat(caller.participantId()).isNull();
        assertThat(caller.mayActFor("did:web:p.example")).isFalse();
    }

    @Test
    void participantCheck() {
        Caller sd = new Caller("bob", java.util.Set.of(Role.SD_ADMIN), "did:web:p.example", Caller.Kind.OIDC);
        assertThat(sd.mayActFor("did:web:p.example")).isTrue();
        assertThat(sd.mayActFor("did:web:q.example")).isFalse();
        assertThat(Caller.ANONYMOUS.isAuthenticated()).isFalse();
    }

    @Test
    void defaultsOfTheProperties() {
        FederatorSecurityProperties p = new FederatorSecurityProperties(null, " ", null, null, false, null, null, null, " ", true);
        assertThat(p.oidc()).isFalse();
        assertThat(p.roleClaim()).isEqualTo("resource_access.federated-catalogue.roles");
        assertThat(p.audiences()).containsExactly("federated-catalogue");
        assertThat(p.adminToken()).isNull();
        assertThat(new FederatorSecurityProperties(null, null, null, null, false, List.of(), null, null, null, true).audiences()).isEmpty();
    }
}
