package eu.federator.bench;

import eu.federator.catalogue.graph.GraphBatch;
import eu.federator.catalogue.graph.GraphChange;
import eu.federator.catalogue.graph.GraphStore;
import eu.federator.catalogue.graph.SdMetadata;
import eu.federator.catalogue.graph.Tdb2GraphStore;
import eu.federator.catalogue.query.QueryOutcome;
import eu.federator.catalogue.query.QuerySettings;
import eu.federator.catalogue.query.SparqlQueries;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Latency (JMH sample mode: p50/p95) of five representative SPARQL queries through {@link SparqlQueries} (parse, checks,
 * LIMIT, execution, materialised results) over an embedded TDB2 read model holding {@code sds} generated service-offering
 * self-descriptions from {@code sds / 100} providers (each a named graph of 14 claim triples plus 8 metadata triples;
 * the providers' participant graphs are 6 triples each). Parameters vary per call, so caches are not flattered.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class GraphQueryBenchmark {
    static final String GX = "https://w3id.org/gaia-x/development#";
    static final String PREFIXES = "PREFIX gx: <" + GX + ">\nPREFIX fc: <urn:federator:catalogue:>\n";
    static final String[] COUNTRIES = {"DE", "FR", "NL", "BE", "IT", "ES", "AT", "PL"};
    static final String[] KEYWORDS = {"storage", "compute", "analytics", "ai", "network", "backup", "database", "iot"};

    @Param("10000")
    public int sds;

    private Path dir;
    private GraphStore store;
    private SparqlQueries queries;
    private int providers;

    /** The generated data, shared by {@link GraphLoadBenchmark}. */
    record Dataset(List<GraphChange.PutGraph> graphs, List<SdMetadata> metadata, long triples) {
    }

    static String sha(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Node iri(String s) {
        return NodeFactory.createURI(s);
    }

    static Node gx(String local) {
        return NodeFactory.createURI(GX + local);
    }

    static Dataset generate(int sds) {
        int providers = Math.max(1, sds / 100);
        List<GraphChange.PutGraph> graphs = new ArrayList<>();
        List<SdMetadata> metadata = new ArrayList<>();
        long triples = 0;
        Map<String, String> prefixes = Map.of("gx", GX, "xsd", XSDDatatype.XSD + "#");
        Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
        for (int p = 0; p < providers; p++) {
            Graph g = GraphFactory.createDefaultGraph();
            Node participant = iri("did:web:p" + p + ".example");
            Node address = NodeFactory.createBlankNode();
            g.add(participant, RDF.type.asNode(), gx("LegalPerson"));
            g.add(participant, gx("legalName"), NodeFactory.createLiteralString("Provider " + p + " GmbH"));
            g.add(participant, gx("legalAddress"), address);
            g.add(participant, gx("registrationNumber"), iri("https://p" + p + ".example/lrn"));
            g.add(address, gx("countrySubdivisionCode"), NodeFactory.createLiteralString(COUNTRIES[p % COUNTRIES.length] + "-01"));
            g.add(address, gx("countryCode"), NodeFactory.createLiteralString(COUNTRIES[p % COUNTRIES.length]));
            String hash = sha("participant" + p);
            graphs.add(new GraphChange.PutGraph(hash, g, prefixes));
            metadata.add(new SdMetadata(hash, participant.getURI(), participant.getURI(), t0, t0.plus(Duration.ofDays(365)), "active",
                    t0, t0, List.of(participant.getURI())));
            triples += g.size() + 9;
        }
        for (int i = 0; i < sds; i++) {
            int p = i % providers;
            Graph g = GraphFactory.createDefaultGraph();
            Node o = iri("https://p" + p + ".example/offering/" + i);
            Node export = NodeFactory.createBlankNode();
            g.add(o, RDF.type.asNode(), gx("ServiceOffering"));
            g.add(o, gx("name"), NodeFactory.createLiteralString("Offering " + i));
            g.add(o, gx("description"), NodeFactory.createLiteralString("A " + KEYWORDS[i % KEYWORDS.length] + " service number " + i));
            g.add(o, gx("providedBy"), iri("did:web:p" + p + ".example"));
            g.add(o, gx("keyword"), NodeFactory.createLiteralString(KEYWORDS[i % KEYWORDS.length]));
            g.add(o, gx("keyword"), NodeFactory.createLiteralString(KEYWORDS[(i / 8) % KEYWORDS.length]));
            g.add(o, gx("serviceOfferingTermsAndConditions"), iri("https://p" + p + ".example/terms/" + i));
            g.add(o, gx("policy"), NodeFactory.createLiteralString("default: allow"));
            g.add(o, gx("dataAccountExport"), export);
            g.add(export, gx("requestType"), NodeFactory.createLiteralString("API"));
            g.add(export, gx("accessType"), NodeFactory.createLiteralString("digital"));
            g.add(export, gx("formatType"), NodeFactory.createLiteralString("application/json"));
            g.add(o, gx("price"), NodeFactory.createLiteralDT(Integer.toString(i % 1000), XSDDatatype.XSDinteger));
            g.add(o, gx("version"), NodeFactory.createLiteralString("1." + (i % 10)));
            String hash = sha("offering" + i);
            graphs.add(new GraphChange.PutGraph(hash, g, prefixes));
            metadata.add(new SdMetadata(hash, o.getURI(), "did:web:p" + p + ".example", t0, t0.plus(Duration.ofDays(365)),
                    i % 10 == 0 ? "revoked" : "active", t0.plusSeconds(i), t0.plusSeconds(i), List.of("did:web:p" + p + ".example")));
            triples += g.size() + 9;
        }
        return new Dataset(graphs, metadata, triples);
    }

    static void delete(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Setup
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("federator-graph-bench-");
        store = Tdb2GraphStore.open(dir.resolve("graph"));
        Dataset data = generate(sds);
        providers = Math.max(1, sds / 100);
        try (GraphStore.BulkLoad load = store.bulkLoad()) {
            data.graphs().forEach(load::put);
            data.metadata().forEach(load::metadata);
            load.commit(1);
        }
        queries = new SparqlQueries(store, QuerySettings.defaults());
    }

    @TearDown
    public void tearDown() {
        store.close();
        delete(dir);
    }

    private Object run(String sparql, Map<String, Node> parameters, boolean count) {
        QueryOutcome outcome = queries.execute(queries.prepare(PREFIXES + sparql, parameters), Duration.ofSeconds(30), count);
        if (outcome instanceof QueryOutcome.Select s && s.rows().isEmpty() && s.totalCount() != 0) {
            throw new IllegalStateException("no rows: " + sparql);
        }
        return outcome;
    }

    /** Q1 selective: one offering by IRI with its name, price and provider. */
    @Benchmark
    public Object q1OfferingById() {
        int i = ThreadLocalRandom.current().nextInt(sds);
        return run("SELECT ?name ?price ?provider { ?o gx:name ?name ; gx:price ?price ; gx:providedBy ?provider }",
                Map.of("o", iri("https://p" + (i % providers) + ".example/offering/" + i)), false);
    }

    /** Q2 selective join: a provider's active offerings (claims joined with metadata), ordered, with the total count. */
    @Benchmark
    public Object q2ActiveOfferingsOfProvider() {
        int p = ThreadLocalRandom.current().nextInt(providers);
        return run("SELECT ?o ?name { GRAPH ?g { ?o gx:providedBy ?provider ; gx:name ?name } ?g fc:status \"active\" } ORDER BY ?name",
                Map.of("provider", iri("did:web:p" + p + ".example")), true);
    }

    /** Q3 two-hop join: offerings with a keyword whose provider is in a country (first page of 20, with the total count). */
    @Benchmark
    public Object q3KeywordAndProviderCountry() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return run("SELECT ?o ?legalName { ?o gx:keyword ?kw ; gx:providedBy ?p . ?p gx:legalName ?legalName ; gx:legalAddress/gx:countryCode ?cc } LIMIT 20",
                Map.of("kw", NodeFactory.createLiteralString(KEYWORDS[r.nextInt(KEYWORDS.length)]),
                        "cc", NodeFactory.createLiteralString(COUNTRIES[r.nextInt(COUNTRIES.length)])), true);
    }

    /** Q4 type scan: the first page of all service offerings with the total count (XFSC's typical "list" query). */
    @Benchmark
    public Object q4ServiceOfferingsPage() {
        return run("SELECT ?o ?name { ?o a gx:ServiceOffering ; gx:name ?name }", Map.of(), true);
    }

    /** Q5 aggregate over everything: offerings per provider country. */
    @Benchmark
    public Object q5OfferingsPerCountry() {
        return run("SELECT ?cc (COUNT(?o) AS ?n) { ?o a gx:ServiceOffering ; gx:providedBy ?p . ?p gx:legalAddress/gx:countryCode ?cc } "
                + "GROUP BY ?cc ORDER BY DESC(?n)", Map.of(), false);
    }
}
