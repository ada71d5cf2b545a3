package eu.federator.server.security;

import java.util.Set;

/**
 * Who is calling: inject it into a controller method as a parameter ({@code Caller caller}) or ask
 * {@link CallerContext#current()}.
 *
 * @param subject       the token's {@code sub} (OIDC), {@code local-admin} (admin token), {@code local-peer-<n>} (the
 *                      n-th peer token) or {@code null} (anonymous)
 * @param roles         the caller's catalogue roles (aliases resolved: {@code Ro-AS-A} appears as {@link Role#SD_ADMIN})
 * @param participantId the {@code participant_id} claim, or {@code null}
 * @param kind          how the caller authenticated
 */
public record Caller(String subject, Set<Role> roles, String participantId, Kind kind) implements java.io.Serializable {

    public enum Kind { ANONYMOUS, OIDC, LOCAL_ADMIN, LOCAL_PEER }

    public static final Caller ANONYMOUS = new Caller(null, Set.of(), null, Kind.ANONYMOUS);

    public Caller {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    public boolean isAuthenticated() {
        return kind != Kind.ANONYMOUS;
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    public boolean isCatalogueAdmin() {
        return hasRole(Role.CATALOGUE_ADMIN);
    }

    /**
     * The XFSC participant check: a catalogue admin may act for anyone; others only for the participant named in their
     * token.
     */
    public boolean mayActFor(String participant) {
        return isCatalogueAdmin() || (participantId != null && participantId.equals(participant));
    }
}
