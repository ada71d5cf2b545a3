package eu.federator.catalogue.graph;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The credential metadata of one self-description, projected as triples about its graph IRI into
 * {@link Vocabulary#METADATA_GRAPH}. Only {@code hash} is required; absent values produce no triple.
 *
 * @param hash       SHA-256 hex of the submission (names the graph, {@code fc:hash})
 * @param subject    the credential subject id ({@code fc:subject}, an IRI)
 * @param issuer     the issuer ({@code fc:issuer}, an IRI such as a DID)
 * @param validFrom  {@code fc:validFrom} (xsd:dateTime)
 * @param validUntil {@code fc:validUntil} (xsd:dateTime)
 * @param status     lifecycle status, e.g. active, deprecated, revoked, eol ({@code fc:status}, a string)
 * @param statusTime when the status was set ({@code fc:statusTime})
 * @param uploadTime when the submission was stored ({@code fc:uploadTime})
 * @param validators DIDs whose keys verified the credential ({@code fc:validator}, IRIs)
 */
public record SdMetadata(String hash, String subject, String issuer, Instant validFrom, Instant validUntil, String status,
                         Instant statusTime, Instant uploadTime, List<String> validators) {
    public SdMetadata {
        Objects.requireNonNull(hash, "hash");
        Vocabulary.sdGraph(hash);
        validators = validators == null ? List.of() : List.copyOf(validators);
    }

    public String graph() {
        return Vocabulary.sdGraph(hash);
    }
}
