package eu.federator.dataspace.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A notification a counter-party posted to the inbox: a credential it signed saying that something happened under an
 * agreement (data sent, received, ...).
 *
 * @param id          this inbox's id for it
 * @param sender      the DID that signed it
 * @param types       the credential's types
 * @param event       what happened, e.g. {@code sent}, {@code received}
 * @param eventTime   when the sender says it happened; null when it does not say
 * @param description free text from the sender; may be null
 * @param credential  the notification exactly as posted (compact JWS or JSON)
 * @param digest      SHA-256 (hex) of the posted bytes
 */
public record Notification(String id, String agreementId, String sender, List<String> types, String event, Instant eventTime,
                           String description, String credential, String digest, Instant received) {
    public Notification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(agreementId, "agreementId");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(event, "event");
        types = List.copyOf(types);
    }
}
