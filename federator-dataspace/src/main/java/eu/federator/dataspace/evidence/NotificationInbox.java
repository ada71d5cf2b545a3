package eu.federator.dataspace.evidence;

import eu.federator.credentials.verify.Check;
import eu.federator.credentials.verify.CredentialReport;
import eu.federator.credentials.verify.CredentialVerifier;
import eu.federator.credentials.verify.VerificationOptions;
import eu.federator.credentials.verify.VerificationResult;
import eu.federator.dataspace.Result;
import eu.federator.dataspace.log.ExchangeChain;
import eu.federator.dataspace.log.LogEvent;
import eu.federator.dataspace.log.ProcessKind;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The notification inbox (GXFS Data Exchange Logging as W3C Linked Data Notifications): a counter-party of an agreement
 * posts a credential it signed that says what happened (data sent, received, ...), authorised by the log token this
 * connector issued it for that agreement. Accepted notifications are stored and chained into the exchange log as an
 * event {@code notification:<event>} of the agreement's negotiation.
 *
 * <p>The notification is a Verifiable Credential (VC-JWT, or any form the trust core verifies) whose {@code type}
 * includes {@value #TYPE} (or the GXFS names {@code SendDataNotification}, {@code ReceivedDataNotification}) and whose
 * {@code credentialSubject} has {@code agreementId} (GXFS: {@code contract}), {@code sender} (= the issuer),
 * {@code receiver} (= this connector), {@code event} (implied by the GXFS types), optionally {@code time} and
 * {@code description}.
 */
public final class NotificationInbox {
    public static final String TYPE = "DataExchangeNotification";
    /** The GXFS DELS types and the event each implies. */
    static final Map<String, String> GXFS_TYPES = Map.of("SendDataNotification", "sent", "ReceivedDataNotification", "received");
    static final int MAX_TEXT = 2_000;

    private final CredentialVerifier verifier;
    private final LogTokens tokens;
    private final AgreementStore agreements;
    private final NotificationStore store;
    private final String self;
    private final Runnable logged;
    private final Clock clock;

    /**
     * @param self   this connector's DID: the receiver notifications must name
     * @param logged called after an event was queued (the log writer's {@code wake})
     */
    public NotificationInbox(CredentialVerifier verifier, LogTokens tokens, AgreementStore agreements, NotificationStore store,
                             String self, Runnable logged, Clock clock) {
        this.verifier = verifier;
        this.tokens = tokens;
        this.agreements = agreements;
        this.store = store;
        this.self = self;
        this.logged = logged;
        this.clock = clock;
    }

    /** Why a notification was refused. */
    public enum Refusal {
        /** no log token, or not a valid one of this connector (HTTP 401) */
        UNAUTHORIZED,
        /** a valid token, but not for this notification: another agreement or another signer (HTTP 403) */
        FORBIDDEN,
        /** not a notification credential, or one lacking what it must say (HTTP 400) */
        MALFORMED,
        /** the credential does not verify (HTTP 422) */
        NOT_VERIFIED
    }

    public sealed interface Outcome {
    }

    /** @param created false when the same notification had been posted before */
    public record Accepted(Notification notification, boolean created) implements Outcome {
    }

    /** @param failures the failed verification checks, for {@link Refusal#NOT_VERIFIED} */
    public record Refused(Refusal refusal, String reason, List<Check> failures) implements Outcome {
        Refused(Refusal refusal, String reason) {
            this(refusal, reason, List.of());
        }
    }

    /**
     * @param logToken the log token (the value of {@code Authorization}, with or without {@code Bearer })
     * @param body     the notification as posted
     */
    public Outcome receive(String logToken, byte[] body) {
        String token = logToken == null ? null : logToken.strip();
        if (token != null && token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).strip();
        }
        Result<LogTokens.Grant> grant = tokens.verify(token);
        if (!grant.succeeded()) {
            return new Refused(Refusal.UNAUTHORIZED, grant.problems().getFirst().message());
        }
        String agreementId = grant.value().agreementId();
        String subject = grant.value().subject();
        Optional<AgreementRecord> agreement = agreements.find(agreementId).stream()
                .filter(a -> a.counterPartyId().equals(subject)).findFirst();
        if (agreement.isEmpty()) {
            return new Refused(Refusal.FORBIDDEN, "the log token names agreement " + agreementId + " with " + subject
                    + ", which this connector holds no agreement for");
        }
        Instant now = clock.instant();
        VerificationResult result = verifier.verify(body == null ? new byte[0] : body, VerificationOptions.at(now));
        if (result.credentials().size() != 1 || !"VerifiableCredential".equals(result.credentials().getFirst().kind())
                || result.credentials().getFirst().document() == null) {
            String why = result.credentials().isEmpty() || result.credentials().getFirst().document() == null
                    ? result.failures().stream().map(Check::message).findFirst().orElse("unreadable")
                    : "a presentation or several credentials";
            return new Refused(Refusal.MALFORMED, "the body must be one notification credential (a vc+jwt, or a JSON-LD credential): " + why);
        }
        CredentialReport report = result.credentials().getFirst();
        if (!report.valid()) {
            return new Refused(Refusal.NOT_VERIFIED, "the notification credential does not verify", report.failures());
        }
        JsonObject document = report.document();
        List<String> types = strings(document.get("type"));
        String impliedEvent = types.stream().map(GXFS_TYPES::get).filter(e -> e != null).findFirst().orElse(null);
        if (!types.contains(TYPE) && impliedEvent == null) {
            return new Refused(Refusal.MALFORMED, "the credential's type " + types + " is not a notification: include " + TYPE
                    + " (or SendDataNotification / ReceivedDataNotification)");
        }
        String signer = report.verificationMethod() == null ? null : report.verificationMethod().split("#", 2)[0];
        if (!subject.equals(signer)) {
            return new Refused(Refusal.FORBIDDEN, "the log token was issued to " + subject + ", but the notification is signed by " + signer);
        }
        if (!(document.get("credentialSubject") instanceof JsonObject claims)) {
            return new Refused(Refusal.MALFORMED, "credentialSubject must be one object with agreementId, sender, receiver and event");
        }
        String about = string(claims, "agreementId") != null ? string(claims, "agreementId") : string(claims, "contract");
        if (about == null) {
            return new Refused(Refusal.MALFORMED, "credentialSubject.agreementId is missing: name the agreement the notification is about");
        }
        if (!about.equals(agreementId)) {
            return new Refused(Refusal.FORBIDDEN, "the notification is about agreement " + about + ", but the log token authorises "
                    + agreementId + " only");
        }
        String sender = string(claims, "sender");
        if (!signer.equals(sender)) {
            return new Refused(Refusal.MALFORMED, "credentialSubject.sender must be the signer, " + signer + ", not "
                    + (sender == null ? "missing" : sender));
        }
        String receiver = string(claims, "receiver");
        if (!self.equals(receiver)) {
            return new Refused(Refusal.MALFORMED, "credentialSubject.receiver must be this connector, " + self + ", not "
                    + (receiver == null ? "missing" : receiver));
        }
        String event = string(claims, "event") != null ? string(claims, "event") : impliedEvent;
        if (event == null || event.isBlank() || event.length() > 100 || !event.matches("[A-Za-z0-9_.:-]+")) {
            return new Refused(Refusal.MALFORMED, "credentialSubject.event must name what happened in one word (e.g. sent, received), not "
                    + (event == null ? "missing" : "\"" + event + "\""));
        }
        Instant eventTime = null;
        String time = string(claims, "time");
        if (time != null) {
            try {
                eventTime = OffsetDateTime.parse(time).toInstant();
            } catch (DateTimeParseException e) {
                return new Refused(Refusal.MALFORMED, "credentialSubject.time \"" + time + "\" is not a date-time with offset, e.g. 2026-01-31T12:00:00Z");
            }
        }
        String description = string(claims, "description");
        if (description != null && description.length() > MAX_TEXT) {
            return new Refused(Refusal.MALFORMED, "credentialSubject.description is longer than " + MAX_TEXT + " characters");
        }
        String posted = new String(body, StandardCharsets.UTF_8).strip();
        String digest = ExchangeChain.digest(posted.getBytes(StandardCharsets.UTF_8));
        Notification notification = new Notification(UUID.randomUUID().toString(), agreementId, signer, types, event, eventTime, description,
                posted, digest, now);
        NotificationStore.Stored stored = store.storeOnce(notification, new LogEvent(agreement.get().negotiationId(), ProcessKind.NEGOTIATION,
                "notification:" + event, signer, agreementId, digest, now));
        if (stored.created()) {
            logged.run();
        }
        return new Accepted(stored.notification(), stored.created());
    }

    private static String string(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v instanceof JsonString s) {
            return s.getString();
        }
        return v instanceof JsonObject object && object.get("id") instanceof JsonString id ? id.getString() : null;
    }

    private static List<String> strings(JsonValue v) {
        if (v instanceof JsonString s) {
            return List.of(s.getString());
        }
        if (v != null && v.getValueType() == JsonValue.ValueType.ARRAY) {
            return v.asJsonArray().stream().filter(JsonString.class::isInstance).map(x -> ((JsonString) x).getString()).toList();
        }
        return List.of();
    }
}
