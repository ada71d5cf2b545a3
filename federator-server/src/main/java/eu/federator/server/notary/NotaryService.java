package eu.federator.server.notary;

import eu.federator.trustframework.notary.Notary;

import java.util.Optional;

/** The server's notary, absent while no {@link eu.federator.trustframework.identity.ServiceIdentity} bean is configured. */
public record NotaryService(Optional<Notary> notary) {
}
