package eu.federator.server.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated {@link Caller} (from a JWT or the local admin token). Its authorities are the roles. */
final class CallerAuthentication extends AbstractAuthenticationToken {
    private final Caller caller;
    private final Object token;

    CallerAuthentication(Caller caller, Object token) {
        super(caller.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList());
        this.caller = caller;
        this.token = token;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    @Override
    public String getName() {
        return caller.subject();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CallerAuthentication other && other.caller.equals(caller) && super.equals(o);
    }

    @Override
    public int hashCode() {
        return caller.hashCode();
    }
}
