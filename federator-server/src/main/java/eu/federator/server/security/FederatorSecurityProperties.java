package eu.federator.server.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Security settings ({@code federator.security.*}; environment variables by relaxed binding, e.g.
 * {@code FEDERATOR_SECURITY_ISSUER_URI}, {@code FEDERATOR_ADMIN_TOKEN}).
 * <p>
 * With {@code issuer-uri} or {@code jwk-set-uri} set the server runs in <b>OIDC mode</b> (JWT resource server);
 * without either it runs in <b>local mode</b>, where writes need the admin bearer token.
 *
 * @param issuerUri   the OpenID Connect issuer, e.g. {@code https://keycloak.example/realms/gaia-x}; tokens must carry
 *                    exactly this {@code iss}. Its discovery document is read on first use, not at start-up
 * @param jwkSetUri   the JWKS endpoint, if it should not be discovered from the issuer (or no issuer is configured; then
 *                    {@code iss} is not checked)
 * @param clientId    the catalogue's OIDC client; roles are read from {@code resource_access.<client-id>.roles}
 * @param roleClaim   dot path of the claim holding the role names (a JSON array of strings); default
 *                    {@code resource_access.<client-id>.roles}
 * @param realmRoles  also accept roles from {@code realm_access.roles} (Keycloak realm roles)
 * @param audiences   accepted {@code aud} values (one must be present); default the client id. An explicitly empty
 *                    list turns the audience check off
 * @param participantClaim the claim naming the caller's participant (XFSC: {@code participant_id})
 * @param clockSkew   tolerance for {@code exp} / {@code nbf}
 * @param adminToken  local mode only: the admin bearer token ({@code FEDERATOR_ADMIN_TOKEN}); if unset one is generated
 *                    at first start into {@code <data-dir>/admin-token}
 * @param publicReads catalogue reads ({@code GET /schemas/**}, {@code GET /self-descriptions/**}, {@code POST /query},
 *                    {@code POST /query/search}) need no token; {@code false}: any authenticated caller
 */
@ConfigurationProperties("federator.security")
public record FederatorSecurityProperties(
        String issuerUri,
        String jwkSetUri,
        @DefaultValue("federated-catalogue") String clientId,
        String roleClaim,
        boolean realmRoles,
        List<String> audiences,
        @DefaultValue("participant_id") String participantClaim,
        @DefaultValue("60s") Duration clockSkew,
        String adminToken,
        @DefaultValue("true") boolean publicReads) {

    public FederatorSecurityProperties {
        issuerUri = blankToNull(issuerUri);
        jwkSetUri = blankToNull(jwkSetUri);
        clientId = clientId == null || clientId.isBlank() ? "federated-catalogue" : clientId.strip();
        roleClaim = roleClaim == null || roleClaim.isBlank() ? "resource_access." + clientId + ".roles" : roleClaim.strip();
        audiences = audiences == null ? List.of(clientId)
                : audiences.stream().filter(a -> a != null && !a.isBlank()).map(String::strip).toList();
        participantClaim = participantClaim == null || participantClaim.isBlank() ? "participant_id" : participantClaim.strip();
        clockSkew = clockSkew == null ? Duration.ofSeconds(60) : clockSkew;
        adminToken = blankToNull(adminToken);
    }

    /** OIDC mode: an identity provider is configured. */
    public boolean oidc() {
        return issuerUri != null || jwkSetUri != null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
