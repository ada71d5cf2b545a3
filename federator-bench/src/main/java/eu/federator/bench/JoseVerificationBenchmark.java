package eu.federator.bench;

import eu.federator.credentials.verify.CredentialVerifier;
import eu.federator.credentials.verify.VerificationOptions;
import eu.federator.credentials.verify.VerificationResult;
import eu.federator.credentials.verify.VerifierSettings;
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
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Full verification (every check of the report) of the XFSC Loire fixtures with caches warm: a vc+jwt
 * (EdDSA) and a vp+jwt holding one enveloped vc+jwt, DID documents and certificate chains from the
 * fixtures' web mirror.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JoseVerificationBenchmark {

    @Param("../shared/fixtures")
    public String fixtures;

    @Param({"participant.loire.signed.jwt", "participant-vp.loire.signed.jwt"})
    public String token;

    private CredentialVerifier verifier;
    private byte[] input;
    private VerificationOptions options;

    @Setup
    public void setUp() throws Exception {
        Path root = Path.of(fixtures);
        verifier = CredentialVerifier.create(VerifierSettings.defaults().withWebMirror(root.resolve("xfsc/web")));
        input = Files.readAllBytes(root.resolve("xfsc/loire/cat-integration/loire-valid").resolve(token));
        options = VerificationOptions.at(Instant.parse("2026-11-27T00:00:00Z"));
        VerificationResult result = verify();
        if (result.credentials().stream().anyMatch(r -> !r.check("proof.signature").orElseThrow().ok())) {
            throw new IllegalStateException("the fixture did not verify: " + result);
        }
    }

    @Benchmark
    public VerificationResult verify() {
        return verifier.verify(input, options);
    }
}
