package eu.federator.server.dataspace;

import eu.federator.credentials.json.Json;
import eu.federator.dataspace.policy.PolicyContext;
import eu.federator.dataspace.policy.PolicyEvaluator;
import eu.federator.dataspace.policy.Requester;
import eu.federator.dataspace.protocol.DspMessage.Catalog;
import eu.federator.dataspace.protocol.DspMessage.DataService;
import eu.federator.dataspace.protocol.DspMessage.Dataset;
import eu.federator.dataspace.protocol.DspMessage.Distribution;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The DSP catalog of this connector: a dataset per entry of its {@link DspDatasets} (by default the catalogue's active
 * service offerings and data products: id = the credential subject, {@code dct:title}, {@code dcat:keyword}), with the
 * offer of {@link CatalogPolicies}, listed only for requesters whose access policy allows it.
 */
public final class DspCatalog {
    /** The one distribution format so far: the consumer pulls over HTTP. */
    static final String FORMAT = "HttpData-PULL";

    private final DspDatasets datasets;
    private final CatalogPolicies policies;
    private final PolicyEvaluator evaluator;
    private final String participantId;
    private final Clock clock;

    public DspCatalog(DspDatasets datasets, CatalogPolicies policies, PolicyEvaluator evaluator, String participantId, Clock clock) {
        this.datasets = datasets;
        this.policies = policies;
        this.evaluator = evaluator;
        this.participantId = participantId;
        this.clock = clock;
    }

    /**
     * @param catalog  the page
     * @param more     whether datasets after this page exist (a next page)
     */
    public record Page(Catalog catalog, boolean more) {
    }

    /**
     * One page of the source's datasets from {@code offset}, filtered for the requester: a page may hold fewer datasets
     * than {@code limit} (those the requester may not see are left out, never replaced), so paging stays stable.
     */
    public Page page(Requester requester, String endpointUrl, int offset, int limit) {
        DspDatasets.Slice slice = datasets.slice(offset, limit);
        DataService service = service(endpointUrl);
        List<Dataset> listed = new ArrayList<>();
        for (DspDatasets.Entry entry : slice.entries()) {
            if (visible(entry.id(), requester)) {
                listed.add(dataset(entry, service));
            }
        }
        Catalog catalog = new Catalog(participantId + "#catalog", participantId, List.of(service), listed, List.of(), List.of(), Map.of());
        return new Page(catalog, slice.more());
    }

    /** The dataset, if the source offers it and the requester may see it (otherwise the same answer as for an unknown id). */
    public Optional<Dataset> dataset(Requester requester, String endpointUrl, String id) {
        return datasets.find(id).filter(entry -> visible(id, requester)).map(entry -> dataset(entry, service(endpointUrl)));
    }

    private boolean visible(String datasetId, Requester requester) {
        return policies.access(datasetId).map(p -> evaluator.evaluate(p, new PolicyContext(requester, clock.instant())).allowed()).orElse(true);
    }

    private DataService service(String endpointUrl) {
        return new DataService(participantId + "#dsp", endpointUrl, null, Map.of());
    }

    private Dataset dataset(DspDatasets.Entry entry, DataService service) {
        Map<String, JsonValue> extensions = new LinkedHashMap<>();
        if (entry.title() != null) {
            extensions.put("dct:title", Json.provider().createValue(entry.title()));
        }
        JsonArrayBuilder keywords = Json.provider().createArrayBuilder();
        entry.keywords().forEach(keywords::add);
        extensions.put("dcat:keyword", keywords.build());
        return new Dataset(entry.id(), List.of(policies.offer(entry.id())),
                List.of(new Distribution(FORMAT, DataService.reference(service.id()), Map.of())), extensions);
    }
}
