package eu.federator.server.registry;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import eu.federator.credentials.keys.Jwks;
import eu.federator.credentials.keys.KeyMaterialException;
import eu.federator.credentials.trust.CertificateTrust;
import eu.federator.credentials.trust.TrustAnchors;
import eu.federator.credentials.verify.Check;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The registry's chain check ({@code POST /api/trustAnchor/chain}): the certificates are put in order (leaf first,
 * whatever order they were sent in, as GXDCH retried both orders), then the same {@link CertificateTrust} checks the
 * credential verifier runs: validity of every certificate at the instant, a PKIX path from the leaf to a configured
 * trust anchor, and CRL revocation (fail-closed) for certificates that name http(s) distribution points.
 */
public final class ChainCheck {

    /** @param message why the chain is not trusted, or which anchor it validates to */
    public record Outcome(boolean trusted, String message) {
    }

    private final TrustAnchors anchors;
    private final CertificateTrust trust;

    public ChainCheck(TrustAnchors anchors, CertificateTrust trust) {
        this.anchors = anchors;
        this.trust = trust;
    }

    public Outcome check(List<X509Certificate> certificates, Instant at) {
        if (certificates.isEmpty()) {
            return new Outcome(false, "no certificate given");
        }
        if (anchors.isEmpty()) {
            return new Outcome(false, "no trust anchors are configured on this registry, so no chain can be trusted");
        }
        List<X509Certificate> leaves = new ArrayList<>();
        for (X509Certificate c : certificates) {
            boolean issuesAnother = certificates.stream().anyMatch(o -> o != c
                    && !o.getSubjectX500Principal().equals(o.getIssuerX500Principal())
                    && o.getIssuerX500Principal().equals(c.getSubjectX500Principal()));
            if (!issuesAnother && !leaves.contains(c)) {
                leaves.add(c);
            }
        }
        if (leaves.size() != 1) {
            return new Outcome(false, "the certificates are not one chain: " + (leaves.isEmpty() ? "every certificate issues another"
                    : leaves.size() + " of them issue no other (" + leaves.stream().map(ChainCheck::subject).collect(Collectors.joining("; ")) + ")"));
        }
        X509Certificate leaf = leaves.getFirst();
        List<X509Certificate> ordered = new ArrayList<>();
        ordered.add(leaf);
        certificates.stream().filter(c -> c != leaf).forEach(ordered::add);
        JWK jwk;
        try {
            jwk = Jwks.withCertificateChain(JWK.parse(leaf), ordered);
        } catch (JOSEException | KeyMaterialException e) {
            return new Outcome(false, "the leaf certificate " + subject(leaf) + " has a key that cannot be checked here ("
                    + leaf.getPublicKey().getAlgorithm() + "): " + e.getMessage());
        }
        List<Check> checks = trust.check(jwk, at);
        List<String> failed = checks.stream().filter(c -> !c.ok()).map(Check::message).toList();
        if (!failed.isEmpty()) {
            return new Outcome(false, String.join("; ", failed).replace(" (x5c)", ""));
        }
        return new Outcome(true, checks.getLast().message().replace(" (x5c)", ""));
    }

    private static String subject(X509Certificate c) {
        return c.getSubjectX500Principal().getName();
    }
}
