package eu.federator.server.portal;

import eu.federator.server.portal.onboarding.PortalAccounts;
import eu.federator.server.security.Caller;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The participant a portal user acts for: the token's {@code participant_id} when it has one, else the participant
 * they registered through the portal's onboarding.
 */
@Component
public class PortalParticipants {
    private final PortalAccounts accounts;

    public PortalParticipants(PortalAccounts accounts) {
        this.accounts = accounts;
    }

    public Optional<String> of(Caller caller) {
        if (caller.participantId() != null) {
            return Optional.of(caller.participantId());
        }
        return caller.subject() == null ? Optional.empty() : accounts.participantOf(caller.subject());
    }
}
