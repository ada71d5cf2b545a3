package eu.federator.dataspace.policy;

import eu.federator.dataspace.Result;
import eu.federator.dataspace.policy.Requester.HeldCredential;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The left operands an evaluator knows, by name. A left operand that is not here denies the policy that uses it.
 *
 * <p>The defaults read the requester's verified credentials in their compacted JSON-LD form: Gaia-X terms are matched
 * as {@code gx:term}, as the bare term (a credential whose context maps it) or as a full Gaia-X IRI.
 */
public final class LeftOperands {
    /** ODRL's {@code dateTime}: the evaluation moment, ISO 8601 in UTC. */
    public static final String DATE_TIME = "dateTime";
    /** The requester's participant id (DID). */
    public static final String PARTICIPANT_ID = "participantId";
    /** {@code "true"} when the requester holds a verified Gaia-X compliance credential (a label credential), else {@code "false"}. */
    public static final String GX_COMPLIANCE = "gx:compliance";
    /** The label levels ({@code gx:labelLevel}) of the requester's Gaia-X label credentials; none when it holds none. */
    public static final String GX_LABEL_LEVEL = "gx:labelLevel";
    /** The country (ISO 3166-1 alpha-2) of the requester's legal address; unknown (a denial) without a legal-person credential. */
    public static final String GX_COUNTRY_CODE = "gx:countryCode";
    /** The types of the verified credentials issued to the requester (e.g. a membership credential's type). */
    public static final String CREDENTIAL_TYPE = "credentialType";

    private static final List<String> GX_NAMESPACES = List.of("gx:", "", "https://w3id.org/gaia-x/development#",
            "https://registry.lab.gaia-x.eu/development/api/trusted-shape-registry/v1/shapes/jsonld/trustframework#");

    private final Map<String, LeftOperandFunction> functions;

    private LeftOperands(Map<String, LeftOperandFunction> functions) {
        this.functions = Collections.unmodifiableMap(new LinkedHashMap<>(functions));
    }

    public static LeftOperands none() {
        return new LeftOperands(Map.of());
    }

    /** The built-in operands above. */
    public static LeftOperands defaults() {
        Map<String, LeftOperandFunction> f = new LinkedHashMap<>();
        f.put(DATE_TIME, c -> Result.success(List.of(c.now().toString())));
        f.put(PARTICIPANT_ID, c -> Result.success(List.of(c.requester().participantId())));
        f.put(GX_COMPLIANCE, c -> Result.success(List.of(String.valueOf(c.requester().credentials().stream()
                .anyMatch(LeftOperands::isCompliance)))));
        f.put(GX_LABEL_LEVEL, c -> Result.success(c.requester().credentials().stream().filter(LeftOperands::isCompliance)
                .flatMap(h -> h.subjects().stream()).flatMap(s -> terms(s, "labelLevel").stream()).map(LeftOperands::text).distinct()
                .toList()));
        f.put(GX_COUNTRY_CODE, LeftOperands::countryCode);
        f.put(CREDENTIAL_TYPE, c -> Result.success(c.requester().credentials().stream().filter(h -> issuedTo(h, c.requester()))
                .flatMap(h -> h.types().stream()).filter(t -> !t.equals("VerifiableCredential")).distinct().toList()));
        return new LeftOperands(f);
    }

    /** These operands and one more (replacing one of the same name). */
    public LeftOperands with(String name, LeftOperandFunction function) {
        Map<String, LeftOperandFunction> more = new LinkedHashMap<>(functions);
        more.put(name, function);
        return new LeftOperands(more);
    }

    public Optional<LeftOperandFunction> get(String name) {
        return Optional.ofNullable(functions.get(name));
    }

    public Set<String> names() {
        return functions.keySet();
    }

    private static boolean isCompliance(HeldCredential h) {
        return h.types().stream().anyMatch(t -> isTerm(t, "LabelCredential") || isTerm(t, "compliance"))
                || h.subjects().stream().flatMap(s -> Requester.strings(s.get("type")).stream()).anyMatch(t -> isTerm(t, "compliance"));
    }

    /** A subject of the credential is the requester (its DID, or a fragment of it), or the requester issued it. */
    private static boolean issuedTo(HeldCredential h, Requester r) {
        String did = r.participantId();
        return h.subjects().stream().map(s -> s.get("id") instanceof JsonString id ? id.getString() : "")
                .anyMatch(id -> id.equals(did) || id.startsWith(did + "#"));
    }

    private static Result<List<String>> countryCode(PolicyContext c) {
        Requester r = c.requester();
        Set<String> countries = new LinkedHashSet<>();
        for (HeldCredential h : r.credentials()) {
            boolean own = issuedTo(h, r) || r.participantId().equals(h.issuer());
            if (!own) {
                continue;
            }
            for (JsonObject subject : h.subjects()) {
                for (JsonValue address : terms(subject, "legalAddress")) {
                    if (address instanceof JsonObject a) {
                        terms(a, "countryCode").stream().filter(JsonString.class::isInstance)
                                .forEach(v -> countries.add(((JsonString) v).getString()));
                        // Tagus (22.10) addresses carry only an ISO 3166-2 subdivision, e.g. "DE-BY"
                        terms(a, "countrySubdivisionCode").stream().filter(JsonString.class::isInstance)
                                .map(v -> ((JsonString) v).getString()).filter(s -> s.length() > 2 && s.charAt(2) == '-')
                                .forEach(s -> countries.add(s.substring(0, 2)));
                    }
                }
            }
        }
        if (countries.isEmpty()) {
            return Result.failure("the country of " + r.participantId() + " is unknown: it presented no verified legal-person "
                    + "credential about itself with a legal address (gx:legalAddress with gx:countryCode)");
        }
        return Result.success(List.copyOf(countries));
    }

    private static String text(JsonValue v) {
        return v instanceof JsonString s ? s.getString() : v.toString();
    }

    private static boolean isTerm(String value, String local) {
        return GX_NAMESPACES.stream().anyMatch(ns -> value.equals(ns + local));
    }

    /** The values of a Gaia-X term in a compacted object (arrays flattened, {@code @value} objects unwrapped). */
    private static List<JsonValue> terms(JsonObject o, String local) {
        List<JsonValue> values = new ArrayList<>();
        for (String ns : GX_NAMESPACES) {
            JsonValue v = o.get(ns + local);
            if (v == null) {
                continue;
            }
            List<JsonValue> items = v.getValueType() == JsonValue.ValueType.ARRAY ? v.asJsonArray() : List.of(v);
            for (JsonValue item : items) {
                values.add(item instanceof JsonObject vo && vo.containsKey("@value") ? vo.get("@value") : item);
            }
        }
        return values;
    }
}
