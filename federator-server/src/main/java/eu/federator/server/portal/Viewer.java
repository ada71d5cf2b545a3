package eu.federator.server.portal;

import eu.federator.server.security.Caller;
import eu.federator.server.security.Role;

/**
 * Who is looking at a portal page, as the navigation needs it.
 *
 * @param caller      the caller (roles, token participant)
 * @param name        what to call them in the header (user name, or "administrator" for the local admin token)
 * @param participant the participant they act for: the token's {@code participant_id}, else the one they onboarded
 *                    through the portal; {@code null} when none
 */
public record Viewer(Caller caller, String name, String participant) {

    public boolean signedIn() {
        return caller.isAuthenticated();
    }

    public boolean admin() {
        return caller.isCatalogueAdmin();
    }

    /** May publish and revoke the participant's self-descriptions (the API's write roles). */
    public boolean publisher() {
        return participant != null && (caller.hasRole(Role.CATALOGUE_ADMIN) || caller.hasRole(Role.SD_ADMIN)
                || caller.hasRole(Role.PARTICIPANT_ADMIN) || caller.kind() == Caller.Kind.LOCAL_ADMIN);
    }

    /** Someone signed in who has no participant yet: the onboarding wizard is for them. */
    public boolean mayOnboard() {
        return signedIn() && participant == null;
    }
}
