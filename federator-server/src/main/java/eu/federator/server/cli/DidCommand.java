package eu.federator.server.cli;

import com.nimbusds.jose.jwk.JWK;
import eu.federator.credentials.keys.Certificates;
import eu.federator.credentials.keys.DidWebIdentity;
import eu.federator.credentials.keys.Jwks;
import eu.federator.credentials.keys.KeyMaterialException;
import eu.federator.credentials.keys.KeyType;
import eu.federator.credentials.keys.LocalCertificateAuthority;
import eu.federator.credentials.keys.PrivateKeys;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "did", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Create a did:web identity for local and lab use: a new signing key, its DID document, and a certificate "
                + "chain from a new local CA (so the full trust path can be verified with --trust-anchors).",
                "Production identities need a certificate from a Gaia-X accepted trust anchor instead of the local CA.",
                "Exit codes: 0 written, 2 usage error (bad DID, existing files without --force), 3 internal error."})
final class DidCommand implements Callable<Integer> {
    static final String KEY_FILE = "private-key.pem";
    static final String DOCUMENT_FILE = "did.json";
    static final String CHAIN_FILE = "x509CertificateChain.pem";
    static final String CA_FILE = "ca.pem";
    static final String FRAGMENT = "key-1";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--did", required = true, paramLabel = "did:web:HOST[:PATH]",
            description = "the DID to create, e.g. did:web:example.com or did:web:example.com:participants:acme")
    String did;

    @Option(names = "--key-type", paramLabel = "TYPE", defaultValue = "rsa",
            description = "rsa (2048, PS256; default), rsa-3072, ec-p256 (ES256), ec-p384 (ES384) or ed25519 (EdDSA)")
    String keyType;

    @Option(names = "--x5u", paramLabel = "URL",
            description = "where the certificate chain will be published (default: next to did.json, " + CHAIN_FILE + ")")
    URI x5u;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory to write the files into")
    Path out;

    @Option(names = "--force", description = "overwrite existing files")
    boolean force;

    @Override
    public Integer call() {
        DidWebIdentity didWeb;
        KeyType type;
        try {
            didWeb = DidWebIdentity.parse(did);
            type = KeyType.fromLabel(keyType);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        if (!didWeb.did().equals(did)) {
            throw new UsageException("--did must be a DID without fragment or query, e.g. " + didWeb.did());
        }
        URI chainUrl = x5u != null ? x5u : didWeb.directoryUrl().resolve(CHAIN_FILE);
        if (!"https".equals(chainUrl.getScheme())) {
            throw new UsageException("--x5u must be an https:// URL, not " + chainUrl);
        }
        Path keyFile = out.resolve(KEY_FILE);
        Path documentFile = out.resolve(DOCUMENT_FILE);
        Path chainFile = out.resolve(CHAIN_FILE);
        Path caFile = out.resolve(CA_FILE);
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UsageException("--out " + out + " is not a directory");
        }
        if (!force) {
            for (Path p : List.of(keyFile, documentFile, chainFile, caFile)) {
                if (Files.exists(p)) {
                    throw new UsageException(p + " exists; use another --out directory or --force to overwrite");
                }
            }
        }
        create(didWeb, type, chainUrl, out, force, Instant.now());

        String vm = didWeb.did() + "#" + FRAGMENT;
        URI documentUrl = didWeb.documentUrl();
        PrintWriter o = spec.commandLine().getOut();
        o.println("Created " + didWeb.did() + " with a " + type.description() + " key; verification method " + vm);
        o.println();
        o.println("  " + keyFile + "   private key (PKCS#8, mode 0600): keep it secret");
        o.println("  " + documentFile + "   DID document: host it at " + documentUrl);
        o.println("  " + chainFile + "   certificate chain (leaf + local CA): host it at " + chainUrl);
        o.println("  " + caFile + "   local CA certificate: use it as --trust-anchors (federator verify / serve)");
        o.println();
        o.println("Sign:   federator sign --key " + keyFile + " --verification-method " + vm + " CREDENTIAL.json");
        o.println("Verify: federator verify --trust-anchors " + caFile + " SIGNED");
        o.println("Offline, with --web-mirror MIRROR: copy " + DOCUMENT_FILE + " to MIRROR/" + mirrorPath(documentUrl)
                + " and " + CHAIN_FILE + " to MIRROR/" + mirrorPath(chainUrl));
        o.flush();
        return ExitCodes.OK;
    }

    /** What {@link #create} wrote: the private key, the chain (leaf, local CA) and the local CA certificate. */
    record Created(JWK key, List<X509Certificate> chain, X509Certificate ca) {
    }

    /**
     * Writes {@value #DOCUMENT_FILE} and {@value #CHAIN_FILE} into {@code out} for an existing key and its chain (the
     * key file is not copied), after checking that the chain's leaf certifies that key.
     */
    static JWK publish(DidWebIdentity didWeb, Path keyFile, char[] password, Path chainFile, URI chainUrl, Path out) {
        JWK key;
        List<X509Certificate> chain;
        try {
            key = PrivateKeys.load(keyFile, password, null);
            chain = Certificates.readPem(chainFile);
        } catch (KeyMaterialException e) {
            throw new UsageException(e.getMessage(), e);
        }
        try {
            if (chain.isEmpty() || !java.util.Arrays.equals(chain.getFirst().getPublicKey().getEncoded(), Jwks.publicKey(key).getEncoded())) {
                throw new UsageException("the first certificate of " + chainFile + " does not certify the key in " + keyFile
                        + "; give the chain leaf first, issued for this key");
            }
            Files.createDirectories(out);
            Files.writeString(out.resolve(DOCUMENT_FILE), pretty(didWeb.document(key, FRAGMENT, chainUrl)) + "\n", StandardCharsets.UTF_8);
            Files.writeString(out.resolve(CHAIN_FILE), Certificates.toPem(chain), StandardCharsets.US_ASCII);
        } catch (IOException | KeyMaterialException e) {
            throw new UsageException("cannot write into " + out + ": " + e.getMessage(), e);
        }
        return key;
    }

    /**
     * Generates a key, a local CA and a leaf certificate for the DID's host, and writes {@value #KEY_FILE} (0600),
     * {@value #DOCUMENT_FILE}, {@value #CHAIN_FILE} and {@value #CA_FILE} into {@code out} (also used by {@code onboard}).
     */
    static Created create(DidWebIdentity didWeb, KeyType type, URI chainUrl, Path out, boolean force, Instant now) {
        Path keyFile = out.resolve(KEY_FILE);
        JWK key = type.generate();
        X509Certificate leaf;
        LocalCertificateAuthority ca;
        try {
            ca = LocalCertificateAuthority.create("Federator local CA for " + didWeb.host(), type, now, Duration.ofDays(3650));
            leaf = ca.issueLeaf(key, didWeb.host(), now, Duration.ofDays(365));
        } catch (KeyMaterialException e) {
            throw new UsageException(e.getMessage(), e);
        }
        JsonObject document = didWeb.document(key, FRAGMENT, chainUrl);
        try {
            Files.createDirectories(out);
            if (force) {
                Files.deleteIfExists(keyFile);
            }
            PrivateKeys.writePem(key, keyFile);
            Files.writeString(out.resolve(DOCUMENT_FILE), pretty(document) + "\n", StandardCharsets.UTF_8);
            Files.writeString(out.resolve(CHAIN_FILE), Certificates.toPem(ca.chain(leaf)), StandardCharsets.US_ASCII);
            Files.writeString(out.resolve(CA_FILE), Certificates.toPem(List.of(ca.certificate())), StandardCharsets.US_ASCII);
        } catch (IOException | KeyMaterialException e) {
            throw new UsageException("cannot write into " + out + ": " + e.getMessage(), e);
        }
        return new Created(key, ca.chain(leaf), ca.certificate());
    }

    static String mirrorPath(URI url) {
        return url.getRawAuthority() + url.getRawPath();
    }

    static String pretty(JsonObject object) {
        StringWriter text = new StringWriter();
        try (var writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString().strip();
    }
}
