package eu.federator.dataspace.evidence;

import eu.federator.dataspace.Role;

import java.time.Instant;
import java.util.Objects;

/**
 * A finalized agreement as this side keeps it, with the credential this side issued for it and the log token it issued
 * to the counter-party.
 *
 * @param negotiationId this side's negotiation (its process id)
 * @param agreement     the ODRL agreement, JSON in the compacted DSP form
 * @param credential    the agreement credential, a compact {@code vc+jwt} signed by this connector
 * @param logToken      the counter-party's log token ({@link LogTokens}) for the notification inbox
 */
public record AgreementRecord(String agreementId, Role role, String negotiationId, String consumerPid, String providerPid,
                              String counterPartyId, String target, String assigner, String assignee, String agreement,
                              String credentialId, String credential, String logToken, Instant logTokenExpires, Instant issued) {
    public AgreementRecord {
        Objects.requireNonNull(agreementId, "agreementId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(negotiationId, "negotiationId");
        Objects.requireNonNull(counterPartyId, "counterPartyId");
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(logToken, "logToken");
    }

    /** Whether {@code did} is a party to the agreement (its assigner or assignee). */
    public boolean isParty(String did) {
        return did != null && (did.equals(assigner) || did.equals(assignee));
    }

    public AgreementRecord withLogToken(LogTokens.Token token) {
        return new AgreementRecord(agreementId, role, negotiationId, consumerPid, providerPid, counterPartyId, target, assigner, assignee,
                agreement, credentialId, credential, token.jwt(), token.expires(), issued);
    }
}
