package eu.federator.dataspace.policy;

import eu.federator.credentials.verify.CredentialReport;
import eu.federator.credentials.verify.VerificationResult;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Who asks, as far as policies may know: the participant id (a DID) the identity layer bound the request to, and the
 * credentials it presented that the trust core verified. Nothing unverified gets here.
 */
public record Requester(String participantId, List<HeldCredential> credentials) {

    public Requester {
        Objects.requireNonNull(participantId, "participantId");
        credentials = List.copyOf(credentials);
    }

    /**
     * A verified credential: its types (as written, e.g. {@code gx:LabelCredential}), its issuer and its subjects
     * (a credential may have several).
     */
    public record HeldCredential(List<String> types, String issuer, List<JsonObject> subjects) {
        public HeldCredential {
            types = List.copyOf(types);
            subjects = List.copyOf(subjects);
        }

        /** From a credential document (a JWT credential's payload already unwrapped). */
        public static HeldCredential of(JsonObject credential) {
            List<String> types = strings(credential.get("type"));
            JsonValue issuer = credential.get("issuer");
            String issuerId = issuer instanceof JsonString s ? s.getString()
                    : issuer instanceof JsonObject o && o.get("id") instanceof JsonString s ? s.getString() : null;
            List<JsonObject> subjects = new ArrayList<>();
            JsonValue subject = credential.get("credentialSubject");
            if (subject instanceof JsonObject o) {
                subjects.add(o);
            } else if (subject != null && subject.getValueType() == JsonValue.ValueType.ARRAY) {
                subject.asJsonArray().stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast).forEach(subjects::add);
            }
            return new HeldCredential(types, issuerId, subjects);
        }
    }

    /**
     * The requester with the credentials of a verification that were valid; invalid ones and the presentation itself
     * are left out (a policy must not read claims nobody vouched for).
     */
    public static Requester of(String participantId, VerificationResult verified) {
        List<HeldCredential> held = new ArrayList<>();
        for (CredentialReport report : verified.credentials()) {
            if (report.valid() && "VerifiableCredential".equals(report.kind()) && report.document() != null) {
                held.add(HeldCredential.of(report.document()));
            }
        }
        return new Requester(participantId, held);
    }

    static List<String> strings(JsonValue value) {
        if (value instanceof JsonString s) {
            return List.of(s.getString());
        }
        if (value != null && value.getValueType() == JsonValue.ValueType.ARRAY) {
            return value.asJsonArray().stream().filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString()).toList();
        }
        return List.of();
    }
}
