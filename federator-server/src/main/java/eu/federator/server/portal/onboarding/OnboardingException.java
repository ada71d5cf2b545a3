package eu.federator.server.portal.onboarding;

/**
 * A request the onboarding cannot carry out as asked (a name taken, a step out of order, a key that does not match
 * its chain); the message says what to do. Nothing of the step was stored. Refusals of the notary, the compliance and
 * the catalogue are not exceptions but {@link Onboarding.Outcome.Refused} values.
 */
public class OnboardingException extends RuntimeException {
    public OnboardingException(String message) {
        super(message);
    }

    public OnboardingException(String message, Throwable cause) {
        super(message, cause);
    }
}
