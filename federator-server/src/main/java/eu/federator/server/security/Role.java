package eu.federator.server.security;

import java.util.Arrays;
import java.util.Optional;

/**
 * The XFSC Federated Catalogue roles (Keycloak client roles of the catalogue's client). Spring authorities are
 * {@code ROLE_<name>}. The 2026 XFSC name of the self-description admin, {@code Ro-AS-A}, is accepted as an alias.
 */
public enum Role {
    CATALOGUE_ADMIN("Ro-MU-CA", "Catalogue administrator: schemas, participants, administration, any self-description"),
    PARTICIPANT_ADMIN("Ro-MU-A", "Participant administrator: the participant's self-descriptions and users"),
    SD_ADMIN("Ro-SD-A", "Self-description administrator: submits, revokes and deletes the participant's self-descriptions"),
    PARTICIPANT_USER_ADMIN("Ro-PA-A", "Participant user administrator: reads the participant and manages its users"),
    /** Not an XFSC role: what another catalogue needs to follow this one (docs/federation.md). */
    FEDERATION_PEER("Ro-FC-PEER", "Peer catalogue: reads this catalogue's change feed (GET /federation/changes) and nothing else");

    /** XFSC 2026 name of {@link #SD_ADMIN}. */
    public static final String SD_ADMIN_2026 = "Ro-AS-A";

    private final String roleName;
    private final String description;

    Role(String roleName, String description) {
        this.roleName = roleName;
        this.description = description;
    }

    /** The role name as it appears in tokens, e.g. {@code Ro-MU-CA}. */
    public String roleName() {
        return roleName;
    }

    public String description() {
        return description;
    }

    /** The Spring Security authority, e.g. {@code ROLE_Ro-MU-CA}. */
    public String authority() {
        return "ROLE_" + roleName;
    }

    /** The role a token's role name stands for (aliases included), if it is one of ours. */
    public static Optional<Role> fromName(String name) {
        if (SD_ADMIN_2026.equals(name)) {
            return Optional.of(SD_ADMIN);
        }
        return Arrays.stream(values()).filter(r -> r.roleName.equals(name)).findFirst();
    }
}
