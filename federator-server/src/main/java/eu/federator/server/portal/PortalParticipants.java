package eu.federator.server.portal;

import eu.federator.server.security.Caller;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** The participant a portal user acts for: the token's {@code participant_id}. */
@Component
public class PortalParticipants {

    public Optional<String> of(Caller caller) {
        return Optional.ofNullable(caller.participantId());
    }
}
