package eu.federator.server.dataspace;

import eu.federator.catalogue.sd.Lifecycle;
import eu.federator.catalogue.sd.SdFacets;
import eu.federator.catalogue.sd.SdFilter;
import eu.federator.catalogue.sd.SdKind;
import eu.federator.catalogue.sd.SdSearch;
import eu.federator.catalogue.sd.SelfDescription;
import eu.federator.catalogue.sd.SelfDescriptionStore;
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
import java.util.Set;

/**
 * The DSP catalog of this connector: a dataset per active service offering and data product of the catalogue
 * (id = the credential subject, {@code dct:title}, {@code dcat:keyword}, the offer of {@link CatalogPolicies}), listed
 * only for requesters whose access policy allows it.
 */
public final class DspCatalog {
    /** The kinds of self-description the catalog offers. */
    static final Set<SdKind> KINDS = Set.of(SdKind.SERVICE_OFFERING, SdKind.DATA_PRODUCT);
    /** The one distribution format so far: the consumer pulls over HTTP. */
    static final String FORMAT = "HttpData-PULL";

    private final SelfDescriptionStore store;
    private final CatalogPolicies policies;
    private final PolicyEvaluator evaluator;
    private final String participantId;
    private final Clock clock;

    public DspCatalog(SelfDescriptionStore store, CatalogPolicies policies, PolicyEvaluator evaluator, String participantId, Clock clock) {
        this.store = store;
        this.policies = policies;
        this.evaluator = evaluator;
        this.participantId = participantId;
        this.clock = clock;
    }

    /**
     * @param catalog  the page
     * @param more     whether offerings after this page exist (a next page)
     */
    public record Page(Catalog catalog, boolean more) {
    }

    /**
     * One page of the source offerings from {@code offset}, filtered for the requester: a page may hold fewer datasets
     * than {@code limit} (those the requester may not see are left out, never replaced), so paging stays stable.
     */
    public Page page(Requester requester, String endpointUrl, int offset, int limit) {
        SdSearch.Result result = store.search(new SdSearch("", KINDS, List.of(), Set.of(Lifecycle.ACTIVE), List.of(), List.of(),
                Set.of(), SdSearch.Sort.OLDEST, offset, limit));
        DataService service = service(endpointUrl);
        List<Dataset> datasets = new ArrayList<>();
        for (SdSearch.Hit hit : result.hits()) {
            if (visible(hit.sd().subject(), requester)) {
                datasets.add(dataset(hit.sd(), hit.facets(), service));
            }
        }
        Catalog catalog = new Catalog(participantId + "#catalog", participantId, List.of(service), datasets, List.of(), List.of(), Map.of());
        return new Page(catalog, (long) offset + result.hits().size() < result.totalCount());
    }

    /** The dataset, if active and visible to the requester (otherwise the same answer as for an unknown id). */
    public Optional<Dataset> dataset(Requester requester, String endpointUrl, String id) {
        List<SelfDescription> found = store.list(new SdFilter(null, null, null, null, List.of(), List.of(), Set.of(Lifecycle.ACTIVE),
                List.of(id), List.of(), KINDS, List.of(), 0, 1)).items();
        if (found.isEmpty() || !visible(id, requester)) {
            return Optional.empty();
        }
        SelfDescription sd = found.getFirst();
        SdFacets facets = store.recorded(sd.hash()).map(SelfDescriptionStore.Recorded::facets).orElse(SdFacets.NOT_RECORDED);
        return Optional.of(dataset(sd, facets, service(endpointUrl)));
    }

    private boolean visible(String datasetId, Requester requester) {
        return policies.access(datasetId).map(p -> evaluator.evaluate(p, new PolicyContext(requester, clock.instant())).allowed()).orElse(true);
    }

    private DataService service(String endpointUrl) {
        return new DataService(participantId + "#dsp", endpointUrl, null, Map.of());
    }

    private Dataset dataset(SelfDescription sd, SdFacets facets, DataService service) {
        Map<String, JsonValue> extensions = new LinkedHashMap<>();
        if (sd.title() != null) {
            extensions.put("dct:title", Json.provider().createValue(sd.title()));
        }
        JsonArrayBuilder keywords = Json.provider().createArrayBuilder();
        facets.keywords().forEach(keywords::add);
        extensions.put("dcat:keyword", keywords.build());
        return new Dataset(sd.subject(), List.of(policies.offer(sd.subject())),
                List.of(new Distribution(FORMAT, DataService.reference(service.id()), Map.of())), extensions);
    }
}
