package eu.federator.dataspace.protocol;

import eu.federator.credentials.json.Json;
import eu.federator.credentials.json.JsonLimits;
import eu.federator.credentials.json.JsonSyntaxException;
import eu.federator.dataspace.Problem;
import eu.federator.dataspace.Result;
import eu.federator.dataspace.internal.Node;
import eu.federator.dataspace.policy.Odrl;
import eu.federator.dataspace.policy.Policy.Agreement;
import eu.federator.dataspace.policy.Policy.Offer;
import eu.federator.dataspace.protocol.DspMessage.Catalog;
import eu.federator.dataspace.protocol.DspMessage.CatalogError;
import eu.federator.dataspace.protocol.DspMessage.CatalogRequestMessage;
import eu.federator.dataspace.protocol.DspMessage.ContractAgreementMessage;
import eu.federator.dataspace.protocol.DspMessage.ContractAgreementVerificationMessage;
import eu.federator.dataspace.protocol.DspMessage.ContractNegotiation;
import eu.federator.dataspace.protocol.DspMessage.ContractNegotiationError;
import eu.federator.dataspace.protocol.DspMessage.ContractNegotiationEventMessage;
import eu.federator.dataspace.protocol.DspMessage.ContractNegotiationTerminationMessage;
import eu.federator.dataspace.protocol.DspMessage.ContractOfferMessage;
import eu.federator.dataspace.protocol.DspMessage.ContractRequestMessage;
import eu.federator.dataspace.protocol.DspMessage.DataAddress;
import eu.federator.dataspace.protocol.DspMessage.DataService;
import eu.federator.dataspace.protocol.DspMessage.Dataset;
import eu.federator.dataspace.protocol.DspMessage.DatasetRequestMessage;
import eu.federator.dataspace.protocol.DspMessage.Distribution;
import eu.federator.dataspace.protocol.DspMessage.EndpointProperty;
import eu.federator.dataspace.protocol.DspMessage.NegotiationEvent;
import eu.federator.dataspace.protocol.DspMessage.TransferCompletionMessage;
import eu.federator.dataspace.protocol.DspMessage.TransferError;
import eu.federator.dataspace.protocol.DspMessage.TransferProcess;
import eu.federator.dataspace.protocol.DspMessage.TransferRequestMessage;
import eu.federator.dataspace.protocol.DspMessage.TransferStartMessage;
import eu.federator.dataspace.protocol.DspMessage.TransferSuspensionMessage;
import eu.federator.dataspace.protocol.DspMessage.TransferTerminationMessage;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * DSP 2025-1 messages from and to JSON-LD in the compacted form of the protocol's context
 * ({@value #CONTEXT}, bundled as {@value #CONTEXT_RESOURCE}). The protocol designs that form to validate against its
 * JSON schemas, so messages are read as JSON in that form: other JSON-LD forms (expanded, other prefixes) are refused
 * with a problem that says so. Set-valued properties are always written as arrays.
 *
 * <p>Reading never throws for bad input: every problem found is returned, each with the JSON pointer of its place.
 */
public final class DspJson {
    public static final String CONTEXT = "https://w3id.org/dspace/2025/1/context.jsonld";
    public static final String CONTEXT_RESOURCE = "/eu/federator/dataspace/protocol/dspace-2025-1-context.jsonld";
    public static final String ODRL_PROFILE = "https://w3id.org/dspace/2025/1/odrl-profile.jsonld";
    public static final String ODRL_PROFILE_RESOURCE = "/eu/federator/dataspace/protocol/dspace-2025-1-odrl-profile.jsonld";

    /** 16 MiB (a catalog of many thousand offers) and 64 levels (deeply nested logical constraints are suspicious). */
    public static final JsonLimits LIMITS = new JsonLimits(16L * 1024 * 1024, 64);

    private static final Map<String, Function<Node, DspMessage>> READERS = readers();

    private DspJson() {
    }

    /** Any DSP message, by its {@code @type}. */
    public static Result<DspMessage> read(byte[] body) {
        return read(body, LIMITS);
    }

    public static Result<DspMessage> read(byte[] body, JsonLimits limits) {
        JsonObject json;
        try {
            json = Json.parseObject(body, limits);
        } catch (JsonSyntaxException e) {
            return Result.failure("the body is not an acceptable JSON object: " + e.getMessage());
        }
        return read(json);
    }

    /** A message of the expected type (e.g. the body of {@code POST /negotiations/request}). */
    public static <T extends DspMessage> Result<T> read(byte[] body, Class<T> expected) {
        return read(body).flatMap(m -> expected.isInstance(m) ? Result.success(expected.cast(m))
                : Result.failure("/@type", "is \"" + m.type() + "\", expected \"" + expected.getSimpleName() + "\" here"));
    }

    public static Result<DspMessage> read(JsonObject json) {
        List<Problem> problems = new ArrayList<>();
        JsonValue context = json.get("@context");
        boolean dsp = context instanceof JsonString s ? s.getString().equals(CONTEXT)
                : context != null && context.getValueType() == JsonValue.ValueType.ARRAY
                && context.asJsonArray().stream().anyMatch(v -> v instanceof JsonString s && s.getString().equals(CONTEXT));
        if (!dsp) {
            problems.add(new Problem("/@context", (context == null ? "missing" : "does not include the DSP 2025-1 context")
                    + ": DSP 2025-1 messages carry \"@context\": [\"" + CONTEXT + "\"] and use its compacted terms"));
        }
        JsonValue type = json.get("@type");
        Function<Node, DspMessage> reader = type instanceof JsonString s ? READERS.get(s.getString()) : null;
        if (reader == null) {
            problems.add(new Problem("/@type", type == null ? "missing: a DSP message names its type, e.g. \"ContractRequestMessage\""
                    : "is " + (type instanceof JsonString s ? "\"" + s.getString() + "\"" : Node.describe(type))
                    + ", not a DSP 2025-1 message type: expected one of " + READERS.keySet()));
            return Result.failure(problems);
        }
        Node node = new Node(json, "", problems);
        node.has("@type");
        DspMessage message = reader.apply(node);
        return problems.isEmpty() ? Result.success(message) : Result.failure(problems);
    }

    // ================================================================================================ readers

    private static Map<String, Function<Node, DspMessage>> readers() {
        Map<String, Function<Node, DspMessage>> r = new LinkedHashMap<>();
        r.put("CatalogRequestMessage", n -> new CatalogRequestMessage(n.values("filter"), n.unread()));
        r.put("DatasetRequestMessage", n -> new DatasetRequestMessage(n.requiredString("dataset"), n.unread()));
        r.put("Catalog", n -> catalog(n, true));
        r.put("Dataset", DspJson::dataset);
        r.put("CatalogError", n -> new CatalogError(n.optionalString("code"), n.values("reason"), n.unread()));
        r.put("ContractRequestMessage", n -> {
            String consumerPid = n.requiredString("consumerPid");
            String providerPid = n.optionalString("providerPid");
            Offer offer = offer(n);
            String callback = callback(n, providerPid == null, "an initial request (without providerPid)");
            return new ContractRequestMessage(consumerPid, providerPid, offer, callback, n.unread());
        });
        r.put("ContractOfferMessage", n -> {
            String providerPid = n.requiredString("providerPid");
            String consumerPid = n.optionalString("consumerPid");
            Offer offer = offer(n);
            String callback = callback(n, consumerPid == null, "an initial offer (without consumerPid)");
            return new ContractOfferMessage(providerPid, consumerPid, offer, callback, n.unread());
        });
        r.put("ContractAgreementMessage", n -> {
            String providerPid = n.requiredString("providerPid");
            String consumerPid = n.requiredString("consumerPid");
            Node a = n.requiredObject("agreement");
            Agreement agreement = a == null ? null : Odrl.readAgreement(a);
            return new ContractAgreementMessage(providerPid, consumerPid, agreement, n.optionalString("callbackAddress"), n.unread());
        });
        r.put("ContractAgreementVerificationMessage", n -> new ContractAgreementVerificationMessage(n.requiredString("providerPid"),
                n.requiredString("consumerPid"), n.unread()));
        r.put("ContractNegotiationEventMessage", n -> new ContractNegotiationEventMessage(n.requiredString("providerPid"),
                n.requiredString("consumerPid"), state(n, "eventType", NegotiationEvent.class, true), n.unread()));
        r.put("ContractNegotiationTerminationMessage", n -> new ContractNegotiationTerminationMessage(n.requiredString("providerPid"),
                n.requiredString("consumerPid"), n.optionalString("code"), n.values("reason"), n.unread()));
        r.put("ContractNegotiation", n -> new ContractNegotiation(n.requiredString("providerPid"), n.requiredString("consumerPid"),
                state(n, "state", ContractNegotiationState.class, true), n.unread()));
        r.put("ContractNegotiationError", n -> new ContractNegotiationError(n.optionalString("providerPid"),
                n.optionalString("consumerPid"), n.optionalString("code"), n.values("reason"), n.unread()));
        r.put("TransferRequestMessage", n -> {
            String consumerPid = n.requiredString("consumerPid");
            String agreementId = n.requiredString("agreementId");
            String format = n.requiredString("format");
            DataAddress address = dataAddress(n);
            return new TransferRequestMessage(consumerPid, agreementId, format, address, callback(n, true, "a transfer request"),
                    n.unread());
        });
        r.put("TransferStartMessage", n -> new TransferStartMessage(n.requiredString("providerPid"), n.requiredString("consumerPid"),
                dataAddress(n), n.unread()));
        r.put("TransferSuspensionMessage", n -> new TransferSuspensionMessage(n.requiredString("providerPid"),
                n.requiredString("consumerPid"), n.optionalString("code"), n.values("reason"), n.unread()));
        r.put("TransferCompletionMessage", n -> new TransferCompletionMessage(n.requiredString("providerPid"),
                n.requiredString("consumerPid"), n.unread()));
        r.put("TransferTerminationMessage", n -> new TransferTerminationMessage(n.requiredString("providerPid"),
                n.requiredString("consumerPid"), n.optionalString("code"), n.values("reason"), n.unread()));
        r.put("TransferProcess", n -> new TransferProcess(n.requiredString("providerPid"), n.requiredString("consumerPid"),
                state(n, "state", TransferProcessState.class, true), n.unread()));
        r.put("TransferError", n -> new TransferError(n.optionalString("providerPid"), n.optionalString("consumerPid"),
                n.optionalString("code"), n.values("reason"), n.unread()));
        return Collections.unmodifiableMap(r);
    }

    private static Offer offer(Node n) {
        Node o = n.requiredObject("offer");
        return o == null ? null : Odrl.readOffer(o, Odrl.OfferPlace.MESSAGE);
    }

    private static String callback(Node n, boolean required, String what) {
        String callback = n.optionalString("callbackAddress");
        if (required && callback == null && !n.has("callbackAddress")) {
            n.problem("callbackAddress", "missing: " + what + " must say where replies go");
        }
        return callback;
    }

    private static <E extends Enum<E>> E state(Node n, String key, Class<E> type, boolean required) {
        String value = required ? n.requiredString(key) : n.optionalString(key);
        if (value == null) {
            return null;
        }
        String local = value.startsWith("dspace:") ? value.substring(7)
                : value.startsWith("https://w3id.org/dspace/2025/1/") ? value.substring(31) : value;
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(local)) {
                return e;
            }
        }
        List<String> allowed = java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        n.problem(key, "is \"" + value + "\", expected one of " + allowed);
        return null;
    }

    private static Catalog catalog(Node n, boolean top) {
        n.type("Catalog");
        String id = n.requiredString("@id");
        String participantId = top ? n.requiredString("participantId") : n.optionalString("participantId");
        List<DataService> services = n.objects("service").stream().map(DspJson::dataService).toList();
        if (top && services.isEmpty() && !n.has("service")) {
            n.problem("service", "missing: a catalog has at least one DataService");
        }
        List<Dataset> datasets = n.objects("dataset").stream().map(DspJson::dataset).toList();
        List<Catalog> catalogs = n.objects("catalog").stream().map(c -> catalog(c, false)).toList();
        List<Distribution> distributions = n.objects("distribution").stream().map(DspJson::distribution).toList();
        return new Catalog(id, participantId, services, datasets, catalogs, distributions, n.unread());
    }

    private static Dataset dataset(Node n) {
        n.type("Dataset");
        String id = n.requiredString("@id");
        List<Offer> offers = n.objects("hasPolicy").stream().map(o -> Odrl.readOffer(o, Odrl.OfferPlace.CATALOG)).toList();
        if (offers.isEmpty() && !n.has("hasPolicy")) {
            n.problem("hasPolicy", "missing: a dataset has at least one offer");
        }
        List<Distribution> distributions = n.objects("distribution").stream().map(DspJson::distribution).toList();
        if (distributions.isEmpty() && !n.has("distribution")) {
            n.problem("distribution", "missing: a dataset has at least one distribution");
        }
        return new Dataset(id, offers, distributions, n.unread());
    }

    private static Distribution distribution(Node n) {
        n.type("Distribution");
        String format = n.requiredString("format");
        DataService service = null;
        if (!n.has("accessService")) {
            n.problem("accessService", "missing: a distribution names the data service that serves it");
        } else if (n.json().get("accessService") instanceof JsonString s) {
            service = DataService.reference(s.getString());
        } else {
            Node s = n.optionalObject("accessService");
            service = s == null ? null : dataService(s);
        }
        return new Distribution(format, service, n.unread());
    }

    private static DataService dataService(Node n) {
        n.type("DataService");
        return new DataService(n.requiredString("@id"), n.optionalString("endpointURL"), n.optionalString("endpointDescription"),
                n.unread());
    }

    private static DataAddress dataAddress(Node n) {
        Node a = n.optionalObject("dataAddress");
        return a == null ? null : dataAddressOf(a);
    }

    /** A DataAddress on its own (as a transfer stores it), read with the rules of a message's {@code dataAddress}. */
    public static Result<DataAddress> readDataAddress(JsonObject json) {
        List<Problem> problems = new ArrayList<>();
        DataAddress a = dataAddressOf(new Node(json, "", problems));
        return problems.isEmpty() ? Result.success(a) : Result.failure(problems);
    }

    private static DataAddress dataAddressOf(Node a) {
        a.type("DataAddress");
        String endpointType = a.requiredString("endpointType");
        String endpoint = a.optionalString("endpoint");
        List<EndpointProperty> properties = new ArrayList<>();
        for (Node p : a.objects("endpointProperties")) {
            p.type("EndpointProperty");
            properties.add(new EndpointProperty(p.requiredString("name"), p.requiredString("value")));
            p.refuseUnread("an endpoint property is a name and a value");
        }
        a.refuseUnread("a data address has endpointType, endpoint and endpointProperties; put anything else in an endpoint property");
        return new DataAddress(endpointType, endpoint, properties);
    }

    // ================================================================================================ writing

    public static byte[] bytes(DspMessage message) {
        return Json.write(write(message)).getBytes(StandardCharsets.UTF_8);
    }

    public static JsonObject write(DspMessage message) {
        JsonObjectBuilder b = Json.provider().createObjectBuilder()
                .add("@context", Json.provider().createArrayBuilder().add(CONTEXT));
        body(b, message);
        return b.build();
    }

    private static void body(JsonObjectBuilder b, DspMessage message) {
        b.add("@type", message.type());
        switch (message) {
            case CatalogRequestMessage m -> b.add("filter", array(m.filter()));
            case DatasetRequestMessage m -> b.add("dataset", m.dataset());
            case Catalog m -> catalog(b, m);
            case Dataset m -> dataset(b, m);
            case CatalogError m -> error(b, null, null, m.code(), m.reason());
            case ContractRequestMessage m -> {
                pids(b, m.providerPid(), m.consumerPid());
                b.add("offer", Odrl.write(m.offer()));
                add(b, "callbackAddress", m.callbackAddress());
            }
            case ContractOfferMessage m -> {
                pids(b, m.providerPid(), m.consumerPid());
                b.add("offer", Odrl.write(m.offer()));
                add(b, "callbackAddress", m.callbackAddress());
            }
            case ContractAgreementMessage m -> {
                pids(b, m.providerPid(), m.consumerPid());
                b.add("agreement", Odrl.write(m.agreement()));
                add(b, "callbackAddress", m.callbackAddress());
            }
            case ContractAgreementVerificationMessage m -> pids(b, m.providerPid(), m.consumerPid());
            case ContractNegotiationEventMessage m -> {
                pids(b, m.providerPid(), m.consumerPid());
                b.add("eventType", m.eventType().name());
            }
            case ContractNegotiationTerminationMessage m -> error(b, m.providerPid(), m.consumerPid(), m.code(), m.reason());
            case ContractNegotiation m -> {
                pids(b, m.providerPid(), m.consumerPid());
                b.add("state", m.state().name());
            }
            case ContractNegotiationError m -> error(b, m.providerPid(), m.consumerPid(), m.code(), m.reason());
            case TransferRequestMessage m -> {
                b.add("consumerPid", m.consumerPid()).add("agreementId", m.agreementId()).add("format", m.format());
                dataAddress(b, m.dataAddress());
                b.add("callbackAddress", m.callbackAddress());
            }
            case TransferStartMessage m -> {
                pids(b, m.providerPid(), m.consumerPid());
                dataAddress(b, m.dataAddress());
            }
            case TransferSuspensionMessage m -> error(b, m.providerPid(), m.consumerPid(), m.code(), m.reason());
            case TransferCompletionMessage m -> pids(b, m.providerPid(), m.consumerPid());
            case TransferTerminationMessage m -> error(b, m.providerPid(), m.consumerPid(), m.code(), m.reason());
            case TransferProcess m -> {
                pids(b, m.providerPid(), m.consumerPid());
                b.add("state", m.state().name());
            }
            case TransferError m -> error(b, m.providerPid(), m.consumerPid(), m.code(), m.reason());
        }
        message.extensions().forEach(b::add);
    }

    private static void catalog(JsonObjectBuilder b, Catalog c) {
        b.add("@id", c.id());
        add(b, "participantId", c.participantId());
        JsonArrayBuilder services = Json.provider().createArrayBuilder();
        c.service().forEach(s -> services.add(dataService(s)));
        b.add("service", services);
        JsonArrayBuilder datasets = Json.provider().createArrayBuilder();
        c.dataset().forEach(d -> {
            JsonObjectBuilder db = Json.provider().createObjectBuilder().add("@type", "Dataset");
            dataset(db, d);
            d.extensions().forEach(db::add);
            datasets.add(db);
        });
        b.add("dataset", datasets);
        if (!c.catalog().isEmpty()) {
            JsonArrayBuilder catalogs = Json.provider().createArrayBuilder();
            c.catalog().forEach(nested -> {
                JsonObjectBuilder cb = Json.provider().createObjectBuilder().add("@type", "Catalog");
                catalog(cb, nested);
                nested.extensions().forEach(cb::add);
                catalogs.add(cb);
            });
            b.add("catalog", catalogs);
        }
        if (!c.distribution().isEmpty()) {
            b.add("distribution", distributions(c.distribution()));
        }
    }

    private static void dataset(JsonObjectBuilder b, Dataset d) {
        b.add("@id", d.id());
        JsonArrayBuilder offers = Json.provider().createArrayBuilder();
        d.hasPolicy().forEach(o -> offers.add(Odrl.write(o)));
        b.add("hasPolicy", offers);
        b.add("distribution", distributions(d.distribution()));
    }

    private static JsonArrayBuilder distributions(List<Distribution> distributions) {
        JsonArrayBuilder a = Json.provider().createArrayBuilder();
        for (Distribution d : distributions) {
            JsonObjectBuilder b = Json.provider().createObjectBuilder().add("@type", "Distribution").add("format", d.format());
            if (d.accessService().isReference()) {
                b.add("accessService", d.accessService().id());
            } else {
                b.add("accessService", dataService(d.accessService()));
            }
            d.extensions().forEach(b::add);
            a.add(b);
        }
        return a;
    }

    private static JsonObjectBuilder dataService(DataService s) {
        JsonObjectBuilder b = Json.provider().createObjectBuilder().add("@id", s.id()).add("@type", "DataService");
        add(b, "endpointURL", s.endpointURL());
        add(b, "endpointDescription", s.endpointDescription());
        s.extensions().forEach(b::add);
        return b;
    }

    private static void dataAddress(JsonObjectBuilder b, DataAddress a) {
        if (a != null) {
            b.add("dataAddress", write(a));
        }
    }

    /** A DataAddress on its own, in the form messages carry it. */
    public static JsonObject write(DataAddress a) {
        JsonObjectBuilder ab = Json.provider().createObjectBuilder().add("@type", "DataAddress").add("endpointType", a.endpointType());
        add(ab, "endpoint", a.endpoint());
        JsonArrayBuilder props = Json.provider().createArrayBuilder();
        a.endpointProperties().forEach(p -> props.add(Json.provider().createObjectBuilder().add("@type", "EndpointProperty")
                .add("name", p.name()).add("value", p.value())));
        return ab.add("endpointProperties", props).build();
    }

    private static void error(JsonObjectBuilder b, String providerPid, String consumerPid, String code, List<JsonValue> reason) {
        pids(b, providerPid, consumerPid);
        add(b, "code", code);
        if (!reason.isEmpty()) {
            b.add("reason", array(reason));
        }
    }

    private static void pids(JsonObjectBuilder b, String providerPid, String consumerPid) {
        add(b, "providerPid", providerPid);
        add(b, "consumerPid", consumerPid);
    }

    private static JsonArrayBuilder array(List<JsonValue> values) {
        JsonArrayBuilder a = Json.provider().createArrayBuilder();
        values.forEach(a::add);
        return a;
    }

    private static void add(JsonObjectBuilder b, String key, String value) {
        if (value != null) {
            b.add(key, value);
        }
    }

    static Map<String, JsonValue> keep(Map<String, JsonValue> extensions) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }
}
