package eu.federator.server.portal.onboarding;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Optional;

/** Which participant a portal user acts for (table {@code portal_account}): set when their onboarding registers them. */
public final class PortalAccounts {
    private final JdbcTemplate jdbc;

    public PortalAccounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The participant DID of the portal user {@code owner} ({@code Caller.subject()}), if linked. */
    public Optional<String> participantOf(String owner) {
        List<String> rows = jdbc.queryForList("SELECT participant_did FROM portal_account WHERE owner = ?", String.class, owner);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    /** Links (or re-links) the user to the participant. */
    public void link(String owner, String participantDid) {
        jdbc.update("INSERT INTO portal_account (owner, participant_did) VALUES (?, ?) "
                + "ON CONFLICT (owner) DO UPDATE SET participant_did = EXCLUDED.participant_did, linked_at = now()", owner, participantDid);
    }
}
