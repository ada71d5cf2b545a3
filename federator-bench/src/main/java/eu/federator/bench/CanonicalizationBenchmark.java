package eu.federator.bench;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.loader.DocumentLoader;
import com.apicatalog.rdf.canon.RdfCanon;
import com.apicatalog.rdf.nquads.NQuadsWriter;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.jsonld.LinkedData;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * RDFC-1.0 canonicalization of each VC (without its proof) of {@code tagus-2210/vp/participant-vp.json}:
 * Federator's {@link LinkedData} against Titanium's documented API with the same context files.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CanonicalizationBenchmark {

    @Param("../shared/fixtures")
    public String fixtures;

    /** Index in participant-vp.json: 0 = gx:legalRegistrationNumber, 1 = gx:LegalParticipant, 2 = gx:GaiaXTermsAndConditions. */
    @Param({"0", "1", "2"})
    public int vc;

    private LinkedData linkedData;
    private JsonObject credential;
    private DocumentLoader plainLoader;

    @Setup
    public void setUp() throws Exception {
        Path root = Path.of(fixtures);
        linkedData = LinkedData.offline();
        JsonObject vp = Json.parseObject(Files.readAllBytes(root.resolve("gaiax/tagus-2210/vp/participant-vp.json")));
        credential = Json.provider().createObjectBuilder(vp.getJsonArray("verifiableCredential").getJsonObject(vc)).remove("proof").build();

        JsonObject vectors = Json.parseObject(Files.readAllBytes(root.resolve("gaiax/jws2020-vectors/gx-jws2020-dual-flavour-vectors.json")));
        Map<String, JsonDocument> contexts = new HashMap<>();
        for (Map.Entry<String, JsonValue> entry : vectors.getJsonObject("contextMap").entrySet()) {
            Path file = root.resolve("gaiax/jws2020-vectors").resolve(((JsonString) entry.getValue()).getString());
            contexts.put(entry.getKey(), JsonDocument.of(Json.parseObject(Files.readAllBytes(file))));
        }
        plainLoader = (url, options) -> {
            JsonDocument document = contexts.get(url.toString());
            if (document == null) {
                throw new JsonLdError(JsonLdErrorCode.LOADING_DOCUMENT_FAILED, "not bundled: " + url);
            }
            return document;
        };
        if (!titaniumAsDocumented().equals(federator())) {
            throw new IllegalStateException("Federator and plain Titanium disagree on VC " + vc);
        }
    }

    @Benchmark
    public String federator() throws Exception {
        return linkedData.canonicalize(credential);
    }

    @Benchmark
    public String titaniumAsDocumented() throws Exception {
        RdfCanon canon = RdfCanon.create("SHA-256");
        JsonLd.toRdf(JsonDocument.of(credential)).loader(plainLoader).provide(canon);
        StringWriter out = new StringWriter();
        canon.provide(new NQuadsWriter(out));
        return out.toString();
    }
}
