package eu.federator.server.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated JWT → {@link Caller}: roles from the configured claim path (default
 * {@code resource_access.<client-id>.roles}, Keycloak client roles) and optionally {@code realm_access.roles};
 * {@code participant_id} from the configured claim. Role names that are not XFSC roles are ignored (Keycloak adds
 * e.g. {@code account} roles of other clients under {@code resource_access}).
 */
final class JwtCallerConverter implements Converter<Jwt, AbstractAuthenticationToken> {
    private final List<String> rolePath;
    private final boolean realmRoles;
    private final String participantClaim;

    JwtCallerConverter(FederatorSecurityProperties properties) {
        this.rolePath = List.of(properties.roleClaim().split("\\."));
        this.realmRoles = properties.realmRoles();
        this.participantClaim = properties.participantClaim();
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        addRoles(roles, jwt.getClaims(), rolePath);
        if (realmRoles) {
            addRoles(roles, jwt.getClaims(), List.of("realm_access", "roles"));
        }
        Object participant = jwt.getClaims().get(participantClaim);
        Caller caller = new Caller(jwt.getSubject(), roles, participant instanceof String s && !s.isBlank() ? s : null, Caller.Kind.OIDC);
        return new CallerAuthentication(caller, jwt);
    }

    static void addRoles(Set<Role> roles, Map<String, Object> claims, List<String> path) {
        Object node = claims;
        for (String segment : path) {
            if (!(node instanceof Map<?, ?> map)) {
                return;
            }
            node = map.get(segment);
        }
        if (node instanceof Collection<?> names) {
            for (Object name : names) {
                if (name instanceof String s) {
                    Role.fromName(s).ifPresent(roles::add);
                }
            }
        }
    }
}
