package eu.federator.server.registry;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.util.List;

/**
 * Trust-anchor sources beyond {@code federator.trust.trust-anchors} (which {@code FederatorProperties} binds); the same
 * {@code federator.trust} prefix, bound separately.
 *
 * @param additionalTrustAnchors      more PEM files, or directories whose {@code *.pem}, {@code *.crt}, {@code *.cer} files are read
 * @param trustedLists                ETSI TS 119 612 lists to import at start: the EU LOTL or single trusted lists, each an
 *                                    https URL (fetched through the guarded client or the web mirror) or a file
 * @param trustedListSigners          PEM file of the certificates allowed to sign those lists (for the EU LOTL: the signing
 *                                    certificates published in the Official Journal); unset: not pinned (a warning is logged)
 * @param trustedListServiceTypes     ServiceTypeIdentifier URIs to import; default CA/QC
 * @param trustedListStatuses         ServiceStatus URIs to import; default granted and recognisedatnationallevel
 * @param trustedListsRequireSignatures refuse lists whose XML signature is missing, invalid or by an unexpected certificate
 */
@ConfigurationProperties("federator.trust")
public record TrustListProperties(
        List<Path> additionalTrustAnchors,
        List<String> trustedLists,
        Path trustedListSigners,
        List<String> trustedListServiceTypes,
        List<String> trustedListStatuses,
        @DefaultValue("true") boolean trustedListsRequireSignatures) {

    public TrustListProperties {
        additionalTrustAnchors = additionalTrustAnchors == null ? List.of() : List.copyOf(additionalTrustAnchors);
        trustedLists = trustedLists == null ? List.of() : List.copyOf(trustedLists);
        trustedListServiceTypes = trustedListServiceTypes == null ? List.of() : List.copyOf(trustedListServiceTypes);
        trustedListStatuses = trustedListStatuses == null ? List.of() : List.copyOf(trustedListStatuses);
    }
}
