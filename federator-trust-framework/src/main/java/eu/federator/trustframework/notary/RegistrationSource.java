package eu.federator.trustframework.notary;

/** An authoritative register for one kind of number. One call is one attempt; {@link ResilientSource} adds retries. */
public interface RegistrationSource {

    /** A short name for messages, e.g. {@code VIES}. */
    String name();

    /** Asks the register about a number that passed the offline check. Never throws: failures are {@link SourceAnswer.Unavailable}. */
    SourceAnswer check(OfflineCheck number);
}
