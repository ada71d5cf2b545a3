package eu.federator.bench.catalogue;

import com.nimbusds.jose.jwk.JWK;
import eu.federator.credentials.issue.CredentialSigner;
import eu.federator.credentials.issue.CredentialSigner.SigningKey;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.keys.Certificates;
import eu.federator.credentials.keys.DidWebIdentity;
import eu.federator.credentials.keys.KeyMaterialException;
import eu.federator.credentials.keys.KeyType;
import eu.federator.credentials.keys.LocalCertificateAuthority;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The catalogue benchmark's input: {@code providers} did:web providers, each with an EC P-256 key certified by a
 * generated test root CA (x5u chain), and {@code sds} Loire service-offering presentations ({@code application/vp+jwt})
 * that conform to the 25.11 shapes the server loads by default. Written once into a directory so that every run ingests
 * exactly the same bytes:
 * <pre>
 *   anchors.pem            the test root (federator.trust.trust-anchors)
 *   web/HOST/...           DID documents and x5u chains (federator.trust.web-mirror)
 *   participants.jwt       one participant presentation per provider (LegalPerson + VatID + Issuer), one per line
 *   offerings.jwt          one offering presentation per line: the provider's three participant credentials (signed
 *                          once per provider and reused, as providers do) + the offering's vc+jwt, signed by the provider
 *   control-not-conforming.jwt  a correctly signed offering presentation without terms and conditions and with a
 *                          provision type outside the shape's sh:in: the ingest refuses it, or SHACL is not on
 *   manifest.properties    sizes, seed, validity
 * </pre>
 * Offering {@code i} belongs to provider {@code i % providers}; its claims (name, description, keywords, terms, data
 * account export, provision type) are drawn from the vocabularies below with a random generator seeded by {@code i}.
 */
public final class CatalogueGenerator {
    static final String PARTICIPANTS = "participants.jwt";
    static final String OFFERINGS = "offerings.jwt";
    static final String MANIFEST = "manifest.properties";
    /** An offering presentation that verifies but breaks the 25.11 ServiceOffering shape: ingest must refuse it. */
    static final String CONTROL = "control-not-conforming.jwt";
    static final String MEDIA_TYPE = "application/vp+jwt";
    static final String ACCEPTED_TERMS_HASH = "067dcac5efd18c1927deb1ffed3feab6d0ad044c0a9a263e6d5d8bdc43224515";
    static final String NOTARY_HOST = "notary.bench.example.org";

    /** ISO 3166 codes of the providers' legal addresses, with a city named in offering descriptions. */
    static final String[][] COUNTRIES = {{"DE", "Frankfurt"}, {"FR", "Paris"}, {"NL", "Amsterdam"}, {"BE", "Brussels"},
            {"IT", "Milan"}, {"ES", "Madrid"}, {"AT", "Vienna"}, {"PL", "Warsaw"}, {"SE", "Stockholm"}, {"FI", "Helsinki"},
            {"DK", "Copenhagen"}, {"IE", "Dublin"}, {"PT", "Lisbon"}, {"CZ", "Prague"}, {"LU", "Luxembourg"}};

    /** Service categories: the name in titles and descriptions (phrase search) and their keywords. */
    record Category(String name, List<String> keywords) {
    }

    static final List<Category> CATEGORIES = List.of(
            new Category("Object Storage", List.of("storage", "s3", "backup")),
            new Category("Block Storage", List.of("storage", "volumes")),
            new Category("Managed Kubernetes", List.of("kubernetes", "containers", "compute")),
            new Category("Virtual Machines", List.of("compute", "iaas")),
            new Category("Bare Metal Servers", List.of("compute", "hardware")),
            new Category("Managed PostgreSQL", List.of("database", "sql", "postgresql")),
            new Category("Data Analytics Platform", List.of("analytics", "data", "bi")),
            new Category("Machine Learning Training", List.of("ai", "gpu", "ml")),
            new Category("IoT Device Hub", List.of("iot", "mqtt", "devices")),
            new Category("Content Delivery Network", List.of("network", "cdn")),
            new Category("Identity and Access Management", List.of("identity", "security", "sso")),
            new Category("Backup and Archive", List.of("backup", "archive", "storage")),
            new Category("Email and Collaboration", List.of("email", "collaboration", "saas")),
            new Category("Data Exchange Connector", List.of("dataspace", "connector", "exchange")),
            new Category("Secure Messaging", List.of("messaging", "security")),
            new Category("Geospatial Data Service", List.of("geodata", "maps", "data")));

    /** Every keyword any offering can carry. */
    static final List<String> KEYWORDS = CATEGORIES.stream().flatMap(c -> c.keywords().stream()).distinct().sorted().toList();

    /**
     * Description words, drawn with a Zipf-like law (the first words are frequent, the last rare), so that searching a
     * random word of this list hits anything from most offerings to a handful.
     */
    static final List<String> WORDS = List.of(
            "sovereign", "european", "secure", "scalable", "managed", "encrypted", "hosted", "available", "compliant", "automated",
            "redundant", "certified", "monitoring", "api", "support", "enterprise", "flexible", "performance", "replicated", "latency",
            "throughput", "resilient", "datacenter", "gdpr", "isolation", "elastic", "billing", "dashboard", "audit", "logging",
            "snapshots", "failover", "recovery", "migration", "integration", "openstack", "terraform", "ansible", "helm", "grafana",
            "prometheus", "opensearch", "kafka", "spark", "jupyter", "tensorflow", "pytorch", "inference", "streaming", "batch",
            "realtime", "lakehouse", "warehouse", "catalog", "lineage", "provenance", "consent", "anonymisation", "pseudonymisation", "federation",
            "interoperable", "portable", "lockin", "exit", "sla", "uptime", "multizone", "edge", "5g", "satellite",
            "agriculture", "mobility", "energy", "health", "manufacturing", "finance", "insurance", "logistics", "retail", "tourism",
            "smartcity", "climate", "hydrogen", "battery", "railway", "aviation", "maritime", "forestry", "fisheries", "viticulture",
            "quantum", "homomorphic", "enclave", "confidential", "attestation", "tpm", "hsm", "pkcs11", "eidas", "qualified");

    static final String[] TIERS = {"Basic", "Standard", "Premium", "Enterprise", "Edge", "Pro", "Lite", "Plus"};
    static final String[] REQUEST_TYPES = {"API", "email", "webform", "supportCenter"};
    static final String[] FORMAT_TYPES = {"application/json", "text/csv", "application/ld+json", "text/turtle", "application/vnd.apache.parquet"};
    static final String[] PROVISION_TYPES = {"public", "private", "hybrid"};
    private static final String[] SYLLABLES = {"nor", "wol", "ke", "sta", "ri", "lux", "ver", "da", "mon", "tal", "quin", "zen",
            "bra", "cel", "dor", "fen", "gal", "hel", "ix", "jo", "kar", "lin", "mar", "nex", "or", "pol", "ras", "sol", "tor", "vel"};

    private final int sds;
    private final int providers;
    private final long seed;
    private final Instant now;
    private final Path out;
    private final Path mirror;
    private final LocalCertificateAuthority ca;
    private final ThreadLocal<CredentialSigner> signer = ThreadLocal.withInitial(CredentialSigner::new);

    /** A provider: its party, legal person subject, country and the three participant credentials it presents. */
    record Provider(int index, String host, SigningKey key, String country, String city, String brand, List<String> credentials) {
        String did() {
            return key.did();
        }
    }

    private CatalogueGenerator(Path out, int sds, int providers, long seed) throws KeyMaterialException {
        this.out = out;
        this.sds = sds;
        this.providers = providers;
        this.seed = seed;
        this.now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        this.mirror = out.resolve("web");
        this.ca = LocalCertificateAuthority.create("Federator Catalogue Bench Root", KeyType.EC_P256, now.minus(Duration.ofDays(30)), Duration.ofDays(3650));
    }

    static String providerHost(int p) {
        return "p%03d.bench.example.org".formatted(p);
    }

    static String legalPersonSubject(int p) {
        return "https://" + providerHost(p) + "/credentials/legal-person.json#cs";
    }

    static String offeringSubject(int i, int providers) {
        return "https://" + providerHost(i % providers) + "/offerings/" + i + ".json#cs";
    }

    static String[] country(int p) {
        return COUNTRIES[(int) Math.floorMod(p * 7L + 3, COUNTRIES.length)];
    }

    /** Generates everything into {@code out} (which must be empty or absent). */
    public static void generate(Path out, int sds, int providers, long seed) throws Exception {
        if (Files.isDirectory(out)) {
            try (var list = Files.list(out)) {
                if (list.findAny().isPresent()) {
                    throw new IllegalArgumentException(out + " is not empty: generate into a new directory");
                }
            }
        }
        Files.createDirectories(out);
        new CatalogueGenerator(out, sds, providers, seed).run();
    }

    private void run() throws Exception {
        long start = System.nanoTime();
        Files.writeString(out.resolve("anchors.pem"), Certificates.toPem(List.of(ca.certificate())));
        SigningKey notary = party(NOTARY_HOST);
        List<Provider> list = IntStream.range(0, providers).parallel().mapToObj(p -> provider(p, notary)).toList();
        try (BufferedWriter w = Files.newBufferedWriter(out.resolve(PARTICIPANTS), StandardCharsets.US_ASCII)) {
            for (Provider p : list) {
                w.write(presentation(p.key(), p.credentials()));
                w.newLine();
            }
        }
        Provider first = list.getFirst();
        JsonObject broken = vc(first.did(), "https://" + first.host() + "/offerings/not-conforming.json", "ServiceOffering", cs -> cs
                .add("name", "Not conforming")
                .add("gx:providedBy", object().add("id", legalPersonSubject(first.index())))
                .add("gx:provisionType", "shared"));
        List<String> control = new ArrayList<>(first.credentials());
        control.add(sign(broken, first.key()));
        Files.writeString(out.resolve(CONTROL), presentation(first.key(), control));
        long bytes = 0;
        int chunk = 2_000;
        try (BufferedWriter w = Files.newBufferedWriter(out.resolve(OFFERINGS), StandardCharsets.US_ASCII, java.nio.file.StandardOpenOption.CREATE_NEW)) {
            for (int from = 0; from < sds; from += chunk) {
                List<String> lines = IntStream.range(from, Math.min(sds, from + chunk)).parallel()
                        .mapToObj(i -> offeringPresentation(i, list.get(i % providers))).toList();
                for (String line : lines) {
                    w.write(line);
                    w.newLine();
                    bytes += line.length() + 1;
                }
                if ((from / chunk) % 10 == 9) {
                    System.out.printf("[generate] %,d / %,d presentations%n", from + chunk, sds);
                }
            }
        }
        Properties manifest = new Properties();
        manifest.setProperty("sds", Integer.toString(sds));
        manifest.setProperty("providers", Integer.toString(providers));
        manifest.setProperty("seed", Long.toString(seed));
        manifest.setProperty("generated", now.toString());
        manifest.setProperty("validFrom", validFrom().toString());
        manifest.setProperty("validUntil", validUntil().toString());
        manifest.setProperty("offeringBytes", Long.toString(bytes));
        try (var w = Files.newBufferedWriter(out.resolve(MANIFEST))) {
            manifest.store(w, "Federator catalogue benchmark input (CatalogueGenerator)");
        }
        System.out.printf("[generate] %,d offering presentations from %d providers (%,d bytes, %,d bytes each on average) in %.1f s into %s%n",
                sds, providers, bytes, sds == 0 ? 0 : bytes / sds, (System.nanoTime() - start) / 1e9, out);
    }

    private Instant validFrom() {
        return now.minus(Duration.ofDays(7));
    }

    private Instant validUntil() {
        return now.plus(Duration.ofDays(730));
    }

    // ------------------------------------------------------------------------------------------------ parties

    /** A did:web party whose key is certified by the root, DID document and x5u chain published in the mirror. */
    private SigningKey party(String host) {
        try {
            JWK key = KeyType.EC_P256.generate();
            DidWebIdentity id = DidWebIdentity.parse("did:web:" + host);
            X509Certificate leaf = ca.issueLeaf(key, host, now.minus(Duration.ofDays(10)), Duration.ofDays(3 * 365));
            URI x5u = URI.create("https://" + host + "/.well-known/x509CertificateChain.pem");
            publish(x5u, Certificates.toPem(ca.chain(leaf)));
            publish(id.documentUrl(), Json.write(id.document(key, "key-1", x5u)));
            return new SigningKey(key, id.did() + "#key-1");
        } catch (KeyMaterialException e) {
            throw new IllegalStateException(e);
        }
    }

    private void publish(URI url, String content) {
        Path file = mirror.resolve(url.getHost()).resolve(url.getPath().substring(1));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Provider provider(int p, SigningKey notary) {
        String host = providerHost(p);
        SigningKey key = party(host);
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + p);
        String[] country = country(p);
        String brand = brand(r);
        String vat = country[0] + "%09d".formatted(r.nextInt(1_000_000_000));
        String vatUrl = "https://" + NOTARY_HOST + "/vat/" + vat + ".json";
        JsonObject legalPerson = vc(key.did(), "https://" + host + "/credentials/legal-person.json", "LegalPerson", cs -> cs
                .add("name", brand + " Cloud " + (p % 3 == 0 ? "GmbH" : p % 3 == 1 ? "SAS" : "B.V."))
                .add("gx:registrationNumber", object().add("id", vatUrl + "#cs"))
                .add("gx:legalAddress", address(country, r))
                .add("gx:headquartersAddress", address(country, r)));
        JsonObject vatId = vc(notary.did(), vatUrl, "VatID", cs -> cs.add("gx:vatID", vat).add("gx:countryCode", country[0]));
        JsonObject issuer = vc(key.did(), "https://" + host + "/credentials/issuer.json", "Issuer",
                cs -> cs.add("gx:gaiaxTermsAndConditions", ACCEPTED_TERMS_HASH));
        List<String> credentials = List.of(sign(legalPerson, key), sign(vatId, notary), sign(issuer, key));
        return new Provider(p, host, key, country[0], country[1], brand, credentials);
    }

    private static JsonObjectBuilder address(String[] country, SplittableRandom r) {
        return object().add("type", "gx:Address").add("gx:countryCode", country[0])
                .add("vcard:locality", country[1])
                .add("vcard:street-address", (1 + r.nextInt(200)) + " " + SYLLABLES[r.nextInt(SYLLABLES.length)] + "strasse");
    }

    private static String brand(SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        int n = 2 + r.nextInt(2);
        for (int i = 0; i < n; i++) {
            sb.append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
        }
        return Character.toUpperCase(sb.charAt(0)) + sb.substring(1);
    }

    // ------------------------------------------------------------------------------------------------ offerings

    private String offeringPresentation(int i, Provider p) {
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + 7_919L * i + 1);
        Category category = CATEGORIES.get(r.nextInt(CATEGORIES.size()));
        String tier = TIERS[r.nextInt(TIERS.length)];
        String id = offeringSubject(i, providers);
        JsonArrayBuilder keywords = array();
        List<String> chosen = new ArrayList<>(category.keywords());
        if (r.nextInt(3) == 0) {
            chosen.add(KEYWORDS.get(r.nextInt(KEYWORDS.size())));
        }
        chosen.stream().distinct().forEach(keywords::add);
        JsonObject offering = vc(p.did(), id.substring(0, id.length() - 3), "ServiceOffering", cs -> cs
                .add("name", p.brand() + " " + category.name() + " " + tier)
                .add("description", description(category, p, r))
                .add("gx:keyword", keywords)
                .add("gx:providedBy", object().add("id", legalPersonSubject(p.index())))
                .add("gx:serviceOfferingTermsAndConditions", object().add("type", "gx:TermsAndConditions")
                        .add("gx:url", object().add("@value", "https://" + p.host() + "/terms/" + i + ".pdf").add("@type", "xsd:anyURI"))
                        .add("gx:hash", hex(r)))
                .add("gx:dataAccountExport", object().add("type", "gx:DataAccountExport")
                        .add("gx:requestType", REQUEST_TYPES[r.nextInt(REQUEST_TYPES.length)])
                        .add("gx:accessType", r.nextInt(10) == 0 ? "physical" : "digital")
                        .add("gx:formatType", FORMAT_TYPES[r.nextInt(FORMAT_TYPES.length)]))
                .add("gx:dataProtectionRegime", "GDPR2016")
                .add("gx:provisionType", PROVISION_TYPES[r.nextInt(PROVISION_TYPES.length)]));
        List<String> credentials = new ArrayList<>(p.credentials());
        credentials.add(sign(offering, p.key()));
        return presentation(p.key(), credentials);
    }

    /** "Object Storage by Norwolke Cloud, hosted in Frankfurt: sovereign encrypted ..." (8–20 Zipf-drawn words). */
    private static String description(Category category, Provider p, SplittableRandom r) {
        StringBuilder sb = new StringBuilder(category.name()).append(" by ").append(p.brand()).append(" Cloud, hosted in ")
                .append(p.city()).append(':');
        int n = 8 + r.nextInt(13);
        for (int k = 0; k < n; k++) {
            sb.append(' ').append(WORDS.get(zipf(r)));
        }
        return sb.append('.').toString();
    }

    /** Cumulative Zipf weights (1 / (rank + 1)) of {@link #WORDS}. */
    private static final double[] WORD_CDF = cdf(WORDS.size());

    private static double[] cdf(int n) {
        double[] c = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1.0 / (k + 1);
            c[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            c[k] /= sum;
        }
        return c;
    }

    /** A rank in [0, WORDS.size()) with probability proportional to 1 / (rank + 1). */
    private static int zipf(SplittableRandom r) {
        int k = java.util.Arrays.binarySearch(WORD_CDF, r.nextDouble());
        return Math.min(WORD_CDF.length - 1, k >= 0 ? k : -k - 1);
    }

    private static String hex(SplittableRandom r) {
        byte[] b = new byte[32];
        for (int k = 0; k < b.length; k++) {
            b[k] = (byte) r.nextInt(256);
        }
        return HexFormat.of().formatHex(b);
    }

    // ------------------------------------------------------------------------------------------------ credentials

    private static JsonObjectBuilder object() {
        return Json.provider().createObjectBuilder();
    }

    private static JsonArrayBuilder array() {
        return Json.provider().createArrayBuilder();
    }

    /** A VCDM 2.0 credential of one gx class; its subject is {@code id#cs}. */
    private JsonObject vc(String issuer, String id, String type, Consumer<JsonObjectBuilder> subject) {
        JsonObjectBuilder cs = object().add("id", id + "#cs").add("type", "gx:" + type);
        subject.accept(cs);
        return object()
                .add("@context", array().add("https://www.w3.org/ns/credentials/v2").add("https://w3id.org/gaia-x/development#"))
                .add("type", array().add("VerifiableCredential").add("gx:" + type))
                .add("id", id)
                .add("issuer", issuer)
                .add("validFrom", validFrom().toString())
                .add("validUntil", validUntil().toString())
                .add("credentialSubject", cs)
                .build();
    }

    private String sign(JsonObject document, SigningKey key) {
        return signer.get().sign(document, key, CredentialSigner.Format.VC_JWT, now.minus(Duration.ofDays(1)));
    }

    /** A vp+jwt signed by the holder whose verifiableCredential are the given vc+jwt as enveloped credentials. */
    private String presentation(SigningKey holder, List<String> credentials) {
        JsonArrayBuilder enveloped = array();
        for (String jwt : credentials) {
            enveloped.add(object().add("@context", "https://www.w3.org/ns/credentials/v2")
                    .add("type", "EnvelopedVerifiableCredential").add("id", "data:application/vc+jwt," + jwt));
        }
        JsonObject vp = object()
                .add("@context", array().add("https://www.w3.org/ns/credentials/v2").add("https://w3id.org/gaia-x/development#"))
                .add("type", "VerifiablePresentation")
                .add("holder", holder.did())
                .add("verifiableCredential", enveloped)
                .build();
        return signer.get().sign(vp, holder, CredentialSigner.Format.VC_JWT, now.minus(Duration.ofDays(1)));
    }
}
