package eu.federator.credentials.fuzz;

import eu.federator.credentials.verify.CredentialVerifier;
import eu.federator.credentials.verify.VerificationOptions;
import eu.federator.credentials.verify.VerificationResult;
import eu.federator.credentials.verify.VerifierSettings;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Seeded mutational fuzzing of the whole verifier, the entry point the CLI and {@code POST /verification} hand
 * untrusted bytes to: whatever the bytes, it returns a result with at least one report and never throws.
 * Seeds are the third-party fixtures (JSON-LD presentations, VC-JWTs, enveloped credentials).
 */
class VerifierFuzzTest {

    private static final int SCALE = Integer.getInteger("federator.fuzz.scale", 1);
    private static final long SEED = Long.getLong("federator.fuzz.seed", 0xF00DL);
    private static final int MUTATIONS = 1_500 * SCALE;
    private static final long TIME_BUDGET_NANOS = 20_000_000_000L * SCALE;

    @Test
    void mutatedCredentialsNeverEscapeAsExceptions() throws Exception {
        Path fixtures = Path.of(System.getProperty("federator.fixtures", "../../shared/fixtures"));
        CredentialVerifier verifier = CredentialVerifier.create(VerifierSettings.defaults().withWebMirror(fixtures.resolve("xfsc/web")));
        List<byte[]> seeds = new ArrayList<>();
        for (String dir : List.of("xfsc/classic/sign", "xfsc/loire/cat-integration/loire-valid", "xfsc/loire/cat-integration/enveloped-valid",
                "xfsc/loire/cat-integration/vc20-invalid", "gaiax/tagus-2210/vp")) {
            try (Stream<Path> files = Files.list(fixtures.resolve(dir))) {
                for (Path file : files.sorted().toList()) {
                    seeds.add(Files.readAllBytes(file));
                }
            }
        }
        VerificationOptions options = VerificationOptions.at(Instant.parse("2026-11-27T00:00:00Z"));
        SplittableRandom random = new SplittableRandom(SEED);
        long deadline = System.nanoTime() + TIME_BUDGET_NANOS;
        int runs = 0;
        for (; runs < MUTATIONS && System.nanoTime() < deadline; runs++) {
            byte[] input = ParserFuzzTest.mutateBytes(seeds.get(random.nextInt(seeds.size())), random);
            try {
                VerificationResult result = verifier.verify(input, options);
                assertThat(result.credentials()).isNotEmpty();
            } catch (Throwable t) {
                fail("verify threw " + t + " (seed " + SEED + ", run " + runs + ") on input: "
                        + new String(input, 0, Math.min(input.length, 2000), StandardCharsets.UTF_8), t);
            }
        }
        assertThat(runs).isGreaterThan(100);
    }
}
