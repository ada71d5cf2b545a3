package eu.federator.server.security;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.io.Serial;

/**
 * A person signed in to the portal through the identity provider: the OIDC user with the {@link Caller} read from
 * the access token, so pages see the same roles and participant as the API would for that token.
 */
final class CallerOidcUser extends DefaultOidcUser {
    @Serial
    private static final long serialVersionUID = 1L;
    private final Caller caller;

    CallerOidcUser(OidcUser user, Caller caller) {
        super(caller.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList(), user.getIdToken(),
                user.getUserInfo(), "sub");
        this.caller = caller;
    }

    Caller caller() {
        return caller;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CallerOidcUser other && other.caller.equals(caller) && super.equals(o);
    }

    @Override
    public int hashCode() {
        return caller.hashCode();
    }
}
