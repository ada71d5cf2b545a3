package eu.federator.server.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * The portal's sign-in ({@code federator.portal.login.*}). In OIDC mode ({@code federator.security.issuer-uri}) the
 * portal signs people in with the authorization code flow of that issuer, as the client named here; the roles and the
 * participant then come from the access token exactly as for API calls. In local mode the portal's sign-in page takes
 * the local admin token.
 *
 * @param clientId     the OIDC client the portal signs in as; default {@code federator.security.client-id}
 * @param clientSecret its secret (confidential client); empty for a public client with PKCE
 * @param scopes       the scopes asked for
 * @param providerName the name on the sign-in button, e.g. "Keycloak"
 */
@ConfigurationProperties("federator.portal.login")
public record PortalProperties(String clientId, String clientSecret,
                               @DefaultValue({"openid", "profile", "email"}) List<String> scopes,
                               @DefaultValue("the identity provider") String providerName) {

    public PortalProperties {
        clientId = clientId == null || clientId.isBlank() ? null : clientId.strip();
        clientSecret = clientSecret == null || clientSecret.isBlank() ? null : clientSecret;
        scopes = scopes == null || scopes.isEmpty() ? List.of("openid", "profile", "email") : List.copyOf(scopes);
        providerName = providerName == null || providerName.isBlank() ? "the identity provider" : providerName.strip();
    }

    @Override
    public String toString() {
        // the secret never reaches a log line
        return "PortalProperties[clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? "none" : "***")
                + ", scopes=" + scopes + ", providerName=" + providerName + "]";
    }
}
