package eu.federator.server.cli;

import com.nimbusds.jose.jwk.JWK;
import eu.federator.credentials.keys.Certificates;
import eu.federator.credentials.keys.KeyType;
import eu.federator.credentials.keys.PrivateKeys;
import eu.federator.server.Http;
import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.server.TrustWorld;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The federator command line, run in-process through picocli with captured output and exit codes. */
class FederatorCommandTest {

    @TempDir
    Path dir;



    static String fixture(String path) {
        return TestDirectories.fixtures().resolve("xfsc").resolve(path).toString();
    }

    static String mirror() {
        return TestDirectories.fixtures().resolve("xfsc/web").toString();
    }

    static String[] contexts() {
        return TrustWorld.CONTEXTS.stream().flatMap(c -> java.util.stream.Stream.of("--allow-context", c)).toArray(String[]::new);
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    // --- usage and unreadable input: exit 2, a message, no stack trace

    @Test
    void missingFileIsExit2WithAMessage() {
        CliRun run = CliRun.run("verify", dir.resolve("missing.json").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("missing.json").contains("does not exist").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void directoryIsExit2() {
        CliRun run = CliRun.run("verify", dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is a directory");
    }

    @Test
    void unreadableFileIsExit2() throws Exception {
        Path file = dir.resolve("secret.json");
        Files.writeString(file, "{}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        if (Files.isReadable(file)) {
            return; // root reads anything: nothing to test here
        }
        assertThat(CliRun.run("verify", file.toString()).exitCode()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-13-01T00:00:00Z", "2026-01-01"})
    void badAtIsExit2WithAMessage(String at) {
        CliRun run = CliRun.run("verify", "--at", at, fixture("classic/mock-data/sd_resource.json"));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--at").contains("ISO-8601");
    }

    @Test
    void usageErrorsAreExit2() {
        assertThat(CliRun.run("verify").exitCode()).isEqualTo(2);
        assertThat(CliRun.run("verify", "--no-such-option", "x").exitCode()).isEqualTo(2);
        assertThat(CliRun.run("nonsense").exitCode()).isEqualTo(2);
        assertThat(CliRun.run().exitCode()).isEqualTo(2);
        assertThat(CliRun.run("verify", "--web-mirror", dir.resolve("nope").toString(), fixture("classic/mock-data/sd_resource.json")).err())
                .contains("--web-mirror").contains("not a directory");
        assertThat(CliRun.run("sign", "x.json").err()).contains("--key").contains("--verification-method");
    }

    @Test
    void versionAndHelp() {
        CliRun version = CliRun.run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("federator ");
        CliRun help = CliRun.run("help", "verify");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--trust-anchors").contains("--json").contains("Exit codes");
    }

    // --- verify

    @Test
    void validPresentationIsExit0AndTheJsonHasTheContractShape() {
        CliRun run = CliRun.run(concat(concat(new String[]{"verify"}, contexts()), "--json", "--web-mirror", mirror(), "--trust-anchors", fixture("classic/keys/cert.ss.pem"),
                fixture("classic/mock-data/sd_resource.json")));
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonObject json = run.json();
        assertThat(json.getBoolean("valid")).isTrue();
        assertThat(json.getString("format")).isEqualTo("ldp_vp");
        assertThat(json.getJsonArray("warnings")).isNotNull();
        assertThat(json.getJsonArray("credentials")).hasSize(2);
        for (JsonValue value : json.getJsonArray("credentials")) {
            JsonObject credential = value.asJsonObject();
            assertThat(credential.get("id").getValueType()).isEqualTo(JsonValue.ValueType.STRING);
            assertThat(credential.get("issuer").getValueType()).isEqualTo(JsonValue.ValueType.STRING);
            assertThat(credential.getBoolean("valid")).isTrue();
            for (JsonValue check : credential.getJsonArray("checks")) {
                JsonObject c = check.asJsonObject();
                assertThat(c.get("name").getValueType()).isEqualTo(JsonValue.ValueType.STRING);
                assertThat(c.get("ok").getValueType()).isEqualTo(JsonValue.ValueType.TRUE);
                assertThat(c.get("message").getValueType()).isEqualTo(JsonValue.ValueType.STRING);
            }
        }
    }

    @Test
    void invalidPresentationIsExit1AndTheReportNamesTheFailedCheck() {
        CliRun run = CliRun.run(concat(concat(new String[]{"verify"}, contexts()), "--web-mirror", mirror(), fixture("classic/sign/hasInvalidSignature.json")));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("INVALID").contains("[FAIL] proof.signature").contains("warnings:");

        CliRun json = CliRun.run(concat(concat(new String[]{"verify"}, contexts()), "--json", "--web-mirror", mirror(), fixture("classic/sign/hasInvalidSignature.json")));
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(json.json().getBoolean("valid")).isFalse();
    }

    @Test
    void withTrustAnchorsTheChainMustLeadToOneOfThem() throws Exception {
        // sd_resource is valid against its own certificate; against an unrelated CA it is not
        CliRun did = CliRun.run("did", "--did", "did:web:other.example", "--key-type", "ec-p256", "--out", dir.resolve("other").toString());
        assertThat(did.exitCode()).isZero();
        CliRun run = CliRun.run(concat(concat(new String[]{"verify"}, contexts()), "--web-mirror", mirror(), "--trust-anchors", dir.resolve("other/ca.pem").toString(),
                fixture("classic/mock-data/sd_resource.json")));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("[FAIL] certificate.chain");
    }

    @Test
    void atMovesTheEvaluationInstant() {
        String[] args = concat(concat(new String[]{"verify"}, contexts()), "--json", "--web-mirror", mirror(), "--trust-anchors", fixture("classic/keys/cert.ss.pem"),
                "--at", "2200-01-01T00:00:00Z", fixture("classic/mock-data/sd_resource.json"));
        CliRun run = CliRun.run(args);
        assertThat(run.exitCode()).as("the certificate and the credential have expired by 2200").isEqualTo(1);
    }

    @Test
    void aJwtFileIsVerifiedToo() {
        CliRun run = CliRun.run("verify", "--json", "--web-mirror", mirror(), fixture("loire/cat-integration/vc20-invalid/bad-signature.vc2.jwt"));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.json().getString("format")).isEqualTo("vc+jwt");
    }

    // --- did, sign, verify: the full local workflow

    @ParameterizedTest
    @ValueSource(strings = {"rsa", "ec-p256", "ec-p384", "ed25519"})
    void didWritesAUsableKeyDocumentAndChain(String keyType) throws Exception {
        Path out = dir.resolve("identity");
        CliRun run = CliRun.run("did", "--did", "did:web:example.com:participants:acme", "--key-type", keyType, "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("https://example.com/participants/acme/did.json")
                .contains("https://example.com/participants/acme/x509CertificateChain.pem").contains("ca.pem");

        Path keyFile = out.resolve("private-key.pem");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        JWK key = PrivateKeys.load(keyFile, null, null);

        JsonObject document;
        try (var reader = Json.createReader(Files.newBufferedReader(out.resolve("did.json")))) {
            document = reader.readObject();
        }
        assertThat(document.getString("id")).isEqualTo("did:web:example.com:participants:acme");
        JsonObject vm = document.getJsonArray("verificationMethod").getJsonObject(0);
        assertThat(vm.getString("id")).isEqualTo("did:web:example.com:participants:acme#key-1");
        assertThat(document.getJsonArray("assertionMethod").getString(0)).isEqualTo(vm.getString("id"));
        JWK published = JWK.parse(vm.getJsonObject("publicKeyJwk").toString());
        assertThat(published.computeThumbprint()).isEqualTo(key.computeThumbprint());
        assertThat(published.isPrivate()).isFalse();
        assertThat(published.getX509CertURL()).hasToString("https://example.com/participants/acme/x509CertificateChain.pem");

        List<X509Certificate> chain = Certificates.readPem(out.resolve("x509CertificateChain.pem"));
        X509Certificate ca = Certificates.readPem(out.resolve("ca.pem")).getFirst();
        assertThat(chain).hasSize(2);
        assertThat(chain.get(1)).isEqualTo(ca);
        assertThat(chain.getFirst().getPublicKey()).isEqualTo(eu.federator.credentials.keys.Jwks.publicKey(key));
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(chain.subList(0, 1)), params);

        CliRun again = CliRun.run("did", "--did", "did:web:example.com:participants:acme", "--out", out.toString());
        assertThat(again.exitCode()).as("refuses to overwrite").isEqualTo(2);
        assertThat(again.err()).contains("--force");
    }

    @Test
    void didRejectsWhatIsNotADidWeb() {
        CliRun run = CliRun.run("did", "--did", "did:key:z6Mk", "--out", dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("did:web");
        assertThat(CliRun.run("did", "--did", "did:web:example.com", "--key-type", "dsa", "--out", dir.toString()).err()).contains("ed25519");
    }

    @ParameterizedTest
    @ValueSource(strings = {"vc-jwt", "jws2020"})
    void signedOutputVerifiesAgainstTheIdentityFromDid(String format) throws Exception {
        Path identity = dir.resolve("id");
        assertThat(CliRun.run("did", "--did", "did:web:issuer.example", "--key-type", "ec-p256", "--out", identity.toString()).exitCode()).isZero();
        Path web = dir.resolve("web");
        publish(identity.resolve("did.json"), web, URI.create("https://issuer.example/.well-known/did.json"));
        publish(identity.resolve("x509CertificateChain.pem"), web, URI.create("https://issuer.example/.well-known/x509CertificateChain.pem"));

        JsonObject unsigned = format.equals("vc-jwt") ? TrustWorld.credential() : TrustWorld.credential11();
        String text = unsigned.toString().replace(TrustWorld.DID, "did:web:issuer.example");
        Path input = dir.resolve("credential.json");
        Files.writeString(input, text);
        Path signed = dir.resolve("signed." + (format.equals("vc-jwt") ? "jwt" : "json"));
        CliRun sign = CliRun.run("sign", "--key", identity.resolve("private-key.pem").toString(), "--verification-method", "did:web:issuer.example#key-1",
                "--format", format, "--out", signed.toString(), input.toString());
        assertThat(sign.exitCode()).as(sign.err()).isZero();

        CliRun verify = CliRun.run("verify", "--json", "--web-mirror", web.toString(), "--trust-anchors", identity.resolve("ca.pem").toString(), signed.toString());
        assertThat(verify.exitCode()).as(verify.out()).isZero();
        assertThat(verify.json().getBoolean("valid")).isTrue();

        // to stdout as well
        CliRun toStdout = CliRun.run("sign", "--key", identity.resolve("private-key.pem").toString(), "--verification-method", "did:web:issuer.example#key-1",
                "--format", format, input.toString());
        assertThat(toStdout.exitCode()).isZero();
        assertThat(toStdout.out()).startsWith(format.equals("vc-jwt") ? "ey" : "{");
    }

    @Test
    void signExplainsKeyProblems() throws Exception {
        Path input = dir.resolve("credential.json");
        Files.writeString(input, TrustWorld.credential().toString());
        Path encrypted = dir.resolve("enc.pem");
        JWK key = KeyType.EC_P256.generate();
        Files.writeString(encrypted, PrivateKeys.toEncryptedPem(key, "right".toCharArray()));

        CliRun wrong = CliRun.run("sign", "--key", encrypted.toString(), "--key-password", "wrong", "--verification-method", TrustWorld.VERIFICATION_METHOD, input.toString());
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.err()).contains("wrong password").doesNotContain("\tat ");

        CliRun missing = CliRun.run("sign", "--key", dir.resolve("nokey.pem").toString(), "--verification-method", TrustWorld.VERIFICATION_METHOD, input.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("does not exist");

        CliRun right = CliRun.run("sign", "--key", encrypted.toString(), "--key-password", "right", "--verification-method", TrustWorld.VERIFICATION_METHOD, input.toString());
        assertThat(right.exitCode()).as(right.err()).isZero();

        CliRun notJson = CliRun.run("sign", "--key", encrypted.toString(), "--key-password", "right", "--verification-method", TrustWorld.VERIFICATION_METHOD,
                encrypted.toString());
        assertThat(notJson.exitCode()).isEqualTo(2);
        assertThat(notJson.err()).contains("not well-formed JSON");

        CliRun otherIssuer = CliRun.run("sign", "--key", encrypted.toString(), "--key-password", "right", "--verification-method", "did:web:someone.else#key-1",
                input.toString());
        assertThat(otherIssuer.exitCode()).isEqualTo(2);
        assertThat(otherIssuer.err()).contains("issuer");

        assertThat(CliRun.run("sign", "--key", encrypted.toString(), "--verification-method", TrustWorld.VERIFICATION_METHOD, "--format", "pdf", input.toString())
                .err()).contains("vc-jwt");
    }

    // --- serve

    @Test
    void serveStartsTheServerWithTheGivenOptions() throws Exception {
        CliRun missingAnchors = CliRun.run("serve", "--trust-anchors", dir.resolve("none.pem").toString());
        assertThat(missingAnchors.exitCode()).isEqualTo(2);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = FederatorCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        Path dataDir = TestDirectories.newDataDir("federator-serve-");
        int code = commandLine.execute("serve", "--port", "0", "--data-dir", dataDir.toString(), "--web-mirror", mirror());
        assertThat(code).as(err.toString()).isZero();
        ServeCommand serve = commandLine.getSubcommands().get("serve").getCommand();
        try {
            assertThat(serve.started()).isTrue();
            int port = Integer.parseInt(serve.context().getEnvironment().getProperty("local.server.port"));
            var response = new Http(port).get("/actuator/health/readiness");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(Files.isRegularFile(dataDir.resolve("postgres/PG_VERSION"))).isTrue();
            assertThat(serve.context().getEnvironment().getProperty("federator.trust.web-mirror")).endsWith("xfsc/web");
        } finally {
            serve.context().close();
        }
    }

    private static void publish(Path file, Path mirror, URI url) throws Exception {
        Path target = mirror.resolve(url.getRawAuthority() + url.getRawPath());
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"serve", "verify", "sign", "did", "compliance", "notary", "onboard"})
    void everySubcommandAnswersHelp(String command) {
        CliRun run = CliRun.run(command, "--help");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Usage: federator " + command);
    }
}
