package eu.federator.server.catalogue.sd;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How the catalogue checks and keeps submissions ({@code federator.catalogue.ingest.*}). Everything is checked by default.
 *
 * @param verifySemantics      the VC/VP data model (structure, contexts, validity period)
 * @param verifySchema         SHACL validation against the composite shapes of {@code /schemas}
 * @param verifyVpSignature    the presentation's proof
 * @param verifyVcSignature    each credential's proof
 * @param relaxedChecks        verification checks whose failure only warns (e.g. {@code certificate.key-match}); empty by
 *                             default. Environment: {@code FEDERATOR_CATALOGUE_INGEST_RELAXED_CHECKS} (comma-separated).
 * @param requireBaseClass     refuse submissions none of whose subjects is a participant, service offering, resource or
 *                             data product
 * @param baseClasses          further base classes: full class IRI → {@code participant}, {@code service-offering},
 *                             {@code resource} or {@code data-product}
 * @param requireCompliance    a Gaia-X compliance credential of a trusted compliance service must cover each submission
 * @param trustedCompliance    DIDs of the compliance services whose credentials count; empty: this server's own identity
 * @param projectorPoll        how often the graph projector looks for events written by other replicas
 * @param projectorCoalesce    how long the projector waits after a write before applying, so that a burst of writes
 *                             becomes one graph transaction (the graph lags by about this much)
 * @param graphCompactEvery    compact the embedded graph store after this many projected events (TDB2 grows with every
 *                             transaction until compacted); 0: never (use {@code POST /admin/graph/compact})
 * @param expiryCheck          how often self-descriptions whose credentials or certificates expired are set to eol
 */
@ConfigurationProperties("federator.catalogue.ingest")
public record IngestProperties(
        @DefaultValue("true") boolean verifySemantics,
        @DefaultValue("true") boolean verifySchema,
        @DefaultValue("true") boolean verifyVpSignature,
        @DefaultValue("true") boolean verifyVcSignature,
        @DefaultValue("") List<String> relaxedChecks,
        @DefaultValue("true") boolean requireBaseClass,
        Map<String, String> baseClasses,
        @DefaultValue("false") boolean requireCompliance,
        @DefaultValue("") List<String> trustedCompliance,
        @DefaultValue("1s") Duration projectorPoll,
        @DefaultValue("100ms") Duration projectorCoalesce,
        @DefaultValue("20000") long graphCompactEvery,
        @DefaultValue("1h") Duration expiryCheck) {

    public IngestProperties {
        relaxedChecks = relaxedChecks == null ? List.of() : relaxedChecks.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        trustedCompliance = trustedCompliance == null ? List.of() : trustedCompliance.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        baseClasses = baseClasses == null ? Map.of() : Map.copyOf(baseClasses);
    }
}
