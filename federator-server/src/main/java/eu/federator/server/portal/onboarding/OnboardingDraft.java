package eu.federator.server.portal.onboarding;

import java.time.Instant;

/**
 * Where one portal user's onboarding stands (table {@code portal_onboarding_draft}). A draft exists from the identity
 * step on; the credentials are the compact JWTs as issued or signed.
 *
 * @param registrationType  vat-id, lei-code, eori, euid or tax-id
 * @param participantSdHash the hash of the participant self-description the catalogue registered (the last step)
 */
public record OnboardingDraft(String owner, HostedIdentity identity, String registrationType, String registrationValue,
                              String registrationNumber, String legalPerson, String issuer, String presentation, String label,
                              String participantSdHash, Instant updated) {

    /** The wizard's steps, in order. */
    public enum Step { IDENTITY, REGISTRATION_NUMBER, PARTICIPANT_CREDENTIALS, LABEL, REGISTRATION, DONE }

    /** The step to do next. */
    public Step next() {
        if (registrationNumber == null) {
            return Step.REGISTRATION_NUMBER;
        }
        if (legalPerson == null || issuer == null) {
            return Step.PARTICIPANT_CREDENTIALS;
        }
        if (label == null) {
            return Step.LABEL;
        }
        return participantSdHash == null ? Step.REGISTRATION : Step.DONE;
    }

    public String did() {
        return identity.did();
    }
}
