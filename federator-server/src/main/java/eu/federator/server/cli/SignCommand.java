package eu.federator.server.cli;

import com.nimbusds.jose.jwk.JWK;
import eu.federator.credentials.issue.CredentialSigner;
import eu.federator.credentials.keys.KeyMaterialException;
import eu.federator.credentials.keys.PrivateKeys;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "sign", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Sign an unsigned credential or presentation (JSON-LD) with a private key.",
                "vc-jwt gives a compact JWS (VC-JOSE, Gaia-X Loire); jws2020 embeds a JsonWebSignature2020 proof (Tagus); "
                        + "jws2020-legacy the Gaia-X legacy flavour of it.",
                "Exit codes: 0 signed, 2 usage error or unreadable/unusable input or key, 3 internal error."})
final class SignCommand implements Callable<Integer> {
    static final String PASSWORD_ENV = "FEDERATOR_KEY_PASSWORD";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "FILE",
            description = "private key: PEM (PKCS#8, encrypted PKCS#8, PKCS#1, SEC1) or PKCS#12 (.p12/.pfx)")
    Path key;

    @Option(names = "--key-password", paramLabel = "P",
            description = "password of an encrypted key or PKCS#12 keystore (or set " + PASSWORD_ENV + ")")
    String keyPassword;

    @Option(names = "--key-alias", paramLabel = "A", description = "PKCS#12 entry alias (default: the only key entry)")
    String keyAlias;

    @Option(names = "--verification-method", required = true, paramLabel = "DID_URL",
            description = "the key's id in the issuer's DID document, e.g. did:web:example.com#key-1; its DID becomes the issuer")
    String verificationMethod;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "vc-jwt",
            description = "vc-jwt (default), jws2020 or jws2020-legacy")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "write the signed result here (default: standard output)")
    Path out;

    @Parameters(index = "0", paramLabel = "FILE", description = "the unsigned credential or presentation (JSON-LD)")
    Path file;

    @Override
    public Integer call() {
        CredentialSigner.Format signingFormat = switch (format.toLowerCase(Locale.ROOT)) {
            case "vc-jwt", "jwt", "vc+jwt" -> CredentialSigner.Format.VC_JWT;
            case "jws2020" -> CredentialSigner.Format.JWS2020;
            case "jws2020-legacy" -> CredentialSigner.Format.JWS2020_LEGACY;
            default -> throw new UsageException("--format " + format + " is unknown; use vc-jwt, jws2020 or jws2020-legacy");
        };
        if (!verificationMethod.startsWith("did:")) {
            throw new UsageException("--verification-method must be a DID URL such as did:web:example.com#key-1, not '" + verificationMethod + "'");
        }
        JsonObject document = readDocument(Files2.readInput(file, "file"));
        String password = keyPassword != null ? keyPassword : System.getenv(PASSWORD_ENV);
        JWK privateKey;
        try {
            privateKey = PrivateKeys.load(key, password == null ? null : password.toCharArray(), keyAlias);
        } catch (KeyMaterialException e) {
            throw new UsageException("--key: " + e.getMessage(), e);
        }
        String signed;
        try {
            signed = new CredentialSigner().sign(document, new CredentialSigner.SigningKey(privateKey, verificationMethod),
                    signingFormat, Instant.now());
        } catch (IllegalArgumentException e) {
            throw new UsageException("cannot sign " + file + ": " + e.getMessage(), e);
        }
        String text = signed.endsWith("\n") ? signed : signed + "\n";
        if (out == null) {
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.print(text);
            stdout.flush();
        } else {
            try {
                Files.writeString(out, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UsageException("cannot write --out " + out + ": " + e.getMessage(), e);
            }
            spec.commandLine().getErr().println("Signed " + file + " (" + format + ") -> " + out);
        }
        return ExitCodes.OK;
    }

    private JsonObject readDocument(byte[] bytes) {
        try (var reader = Json.createReader(new ByteArrayInputStream(bytes))) {
            JsonValue value = reader.readValue();
            if (!(value instanceof JsonObject object)) {
                throw new UsageException(file + " holds JSON, but not an object: give one credential or presentation");
            }
            return object;
        } catch (JsonException e) {
            throw new UsageException(file + " is not well-formed JSON: " + e.getMessage(), e);
        }
    }
}
