package eu.federator.server.dataspace;

import eu.federator.credentials.json.Json;
import eu.federator.credentials.json.JsonSyntaxException;
import eu.federator.dataspace.Problem;
import eu.federator.dataspace.internal.Node;
import eu.federator.dataspace.policy.Odrl;
import eu.federator.dataspace.policy.Policy.Offer;
import eu.federator.dataspace.policy.Rule.Permission;
import eu.federator.server.config.ConfigurationError;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The access and offer policies of the catalog's datasets, from the operator's file
 * ({@code federator.dataspace.catalog-policies}):
 * <pre>{"default": {"access": POLICY, "offer": POLICY}, "datasets": {"DATASET ID": {"access": POLICY, "offer": POLICY}}}</pre>
 * Every part is optional. A policy is written as in a catalog (an {@code Offer} without {@code target}). The access
 * policy decides whether a requester sees a dataset at all; the offer is what the dataset offers. A dataset's own entry
 * replaces the default part by part. Without any offer a dataset offers {@link #PERMISSIVE}; without any access policy
 * every authenticated requester sees it.
 */
public record CatalogPolicies(Entry defaults, Map<String, Entry> datasets) {
    /** Use, without constraints: what a dataset offers unless the operator configured an offer. */
    public static final Offer PERMISSIVE = new Offer("urn:federator:offer:use", null, null, null, List.of(),
            List.of(new Permission("use", List.of(), List.of())), List.of(), List.of());

    public static final CatalogPolicies NONE = new CatalogPolicies(new Entry(null, null), Map.of());

    /** @param access null: everyone; @param offer null: the default */
    public record Entry(Offer access, Offer offer) {
    }

    public CatalogPolicies {
        datasets = Map.copyOf(datasets);
    }

    public Optional<Offer> access(String datasetId) {
        Entry own = datasets.get(datasetId);
        return Optional.ofNullable(own != null && own.access() != null ? own.access() : defaults.access());
    }

    public Offer offer(String datasetId) {
        Entry own = datasets.get(datasetId);
        Offer offer = own != null && own.offer() != null ? own.offer() : defaults.offer();
        return offer != null ? offer : PERMISSIVE;
    }

    /** Reads the file; a missing or invalid file stops the start with every problem and its place. */
    public static CatalogPolicies load(Path file) {
        if (file == null) {
            return NONE;
        }
        String what = "federator.dataspace.catalog-policies: " + file;
        JsonObject json;
        try {
            json = Json.parseObject(Files.readAllBytes(file), eu.federator.dataspace.protocol.DspJson.LIMITS);
        } catch (IOException e) {
            throw new ConfigurationError(what + " cannot be read: " + e.getMessage(),
                    "Set FEDERATOR_DATASPACE_CATALOG_POLICIES to a readable JSON file, or remove it for permissive offers.");
        } catch (JsonSyntaxException e) {
            throw new ConfigurationError(what + " is not a JSON object: " + e.getMessage(), "Fix the file (see docs/dataspace.md).");
        }
        List<Problem> problems = new ArrayList<>();
        Node root = new Node(json, "", problems);
        Entry defaults = entry(json.get("default"), "/default", problems);
        Map<String, Entry> datasets = new LinkedHashMap<>();
        if (json.get("datasets") instanceof JsonObject byId) {
            byId.forEach((id, value) -> datasets.put(id, entry(value, "/datasets/" + id.replace("~", "~0").replace("/", "~1"), problems)));
        } else if (json.containsKey("datasets")) {
            root.problem("datasets", "must be an object from dataset id to {\"access\", \"offer\"}");
        }
        json.keySet().stream().filter(k -> !k.equals("default") && !k.equals("datasets"))
                .forEach(k -> root.problem(k, "unknown property: the file has \"default\" and \"datasets\""));
        if (!problems.isEmpty()) {
            throw new ConfigurationError(what + " has problems: " + problems, "Fix them (see docs/dataspace.md, Catalog protocol).");
        }
        return new CatalogPolicies(defaults == null ? new Entry(null, null) : defaults, datasets);
    }

    private static Entry entry(JsonValue value, String path, List<Problem> problems) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonObject object)) {
            problems.add(new Problem(path, "must be an object with \"access\" and/or \"offer\""));
            return null;
        }
        Node node = new Node(object, path, problems);
        object.keySet().stream().filter(k -> !k.equals("access") && !k.equals("offer"))
                .forEach(k -> node.problem(k, "unknown property: an entry has \"access\" and \"offer\""));
        return new Entry(policy(object.get("access"), path + "/access", problems), policy(object.get("offer"), path + "/offer", problems));
    }

    private static Offer policy(JsonValue value, String path, List<Problem> problems) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonObject object)) {
            problems.add(new Problem(path, "must be an ODRL offer object"));
            return null;
        }
        return Odrl.readOffer(new Node(object, path, problems), Odrl.OfferPlace.CATALOG);
    }
}
