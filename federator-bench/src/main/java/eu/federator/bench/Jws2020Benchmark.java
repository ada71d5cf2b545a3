package eu.federator.bench;

import com.nimbusds.jose.jwk.JWK;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.jsonld.LinkedData;
import eu.federator.credentials.proof.jws2020.Jws2020Flavour;
import eu.federator.credentials.proof.jws2020.Jws2020Verification;
import eu.federator.credentials.proof.jws2020.JsonWebSignature2020;

import jakarta.json.JsonObject;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Full JsonWebSignature2020 verification of the W3C-flavour Gaia-X vector, single thread, caches warm.
 * Inputs come from the shared fixtures ({@code -p fixtures=DIR}; default {@code ../shared/fixtures}, i.e. run
 * from the checkout root). See docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Jws2020Benchmark {

    @Param("../shared/fixtures")
    public String fixtures;

    private JsonWebSignature2020 jws;
    private JsonObject vector;
    private JsonObject vectorProof;
    private JWK vectorKey;

    @Setup
    public void setUp() throws Exception {
        JsonObject vectors = Json.parseObject(Files.readAllBytes(
                Path.of(fixtures).resolve("gaiax/jws2020-vectors/gx-jws2020-dual-flavour-vectors.json")));
        vector = vectors.getJsonObject("vectors").getJsonObject("w3cJsonWebSignature2020").getJsonObject("credential");
        vectorProof = vector.getJsonObject("proof");
        vectorKey = JWK.parse(Json.write(vectors.getJsonObject("publicKeyJwk")));
        jws = new JsonWebSignature2020(LinkedData.offline());
        Jws2020Verification check = jws.verify(vector, vectorProof, vectorKey);
        if (!check.valid() || check.flavour() != Jws2020Flavour.W3C) {
            throw new IllegalStateException("the W3C vector does not verify: " + check);
        }
    }

    /**
     * What a verifier does for a proof of unknown flavour: canonicalize the document, try legacy (PS256 check
     * fails), canonicalize the proof options, try W3C (PS256 check succeeds).
     */
    @Benchmark
    public Jws2020Verification verifyW3cVector() throws Exception {
        return jws.verify(vector, vectorProof, vectorKey);
    }
}
