package eu.federator.server.cli;

import com.nimbusds.jose.jwk.JWK;
import eu.federator.credentials.issue.CredentialSigner;
import eu.federator.credentials.keys.DidWebIdentity;
import eu.federator.credentials.keys.KeyType;
import eu.federator.server.portal.onboarding.ParticipantCredentials;
import eu.federator.server.portal.onboarding.ParticipantCredentials.Ids;
import eu.federator.trustframework.registry.TermsAndConditions;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * Onboarding in one go (the Gaia-X Wizard's flow, scriptable): key + did:web, registration-number credential from the
 * notary, gx:LegalPerson and gx:Issuer credentials, the presentation, and the label credential from the compliance.
 */
@Command(name = "onboard", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Onboard a participant in one go (Loire 25.11): create a signing key and did:web (as 'did'), obtain the "
                + "registration-number credential from a notary, sign the gx:LegalPerson and gx:Issuer credentials, build the "
                + "presentation (vp+jwt) and obtain the label credential (standard compliance) from a clearing house.",
                "Without --server only the local steps run; the request to make for the registration-number credential is written "
                        + "to registration-number.request.txt.",
                "The clearing house must be able to resolve the new DID: host did.json and x509CertificateChain.pem at the DID's "
                        + "URLs, or, in local mode, copy them into the server's web mirror, and add ca.pem to its trust anchors.",
                "Exit codes: 0 done, 1 the notary or the compliance refused (their answer is written into --out), 2 usage error, "
                        + "3 a server could not be reached or answered unexpectedly."})
final class OnboardCommand implements Callable<Integer> {
    static final String LEGAL_PERSON_FILE = "legal-person.jwt";
    static final String ISSUER_FILE = "issuer.jwt";
    static final String REGISTRATION_FILE = "registration-number.jwt";
    static final String REGISTRATION_REQUEST_FILE = "registration-number.request.txt";
    static final String PRESENTATION_FILE = "presentation.jwt";
    static final String LABEL_FILE = "label-credential.jwt";
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--did", required = true, paramLabel = "did:web:HOST[:PATH]", description = "the participant's DID, e.g. did:web:acme.example")
    String did;

    @Option(names = "--legal-name", required = true, paramLabel = "NAME", description = "legal name (schema:name of the gx:LegalPerson)")
    String legalName;

    @ArgGroup(exclusive = true, multiplicity = "1")
    RegistrationNumber number;

    static final class RegistrationNumber {
        @Option(names = "--vat-id", paramLabel = "VAT", description = "EU VAT number, e.g. DE129273398") String vatId;
        @Option(names = "--lei-code", paramLabel = "LEI", description = "ISO 17442 LEI") String leiCode;
        @Option(names = "--eori", paramLabel = "EORI", description = "EORI number") String eori;
        @Option(names = "--euid", paramLabel = "EUID", description = "European unique identifier") String euid;
        @Option(names = "--tax-id", paramLabel = "TAXID", description = "tax identifier") String taxId;

        /** The notary v2 path segment and the value. */
        String[] typeAndValue() {
            if (vatId != null) return new String[]{"vat-id", vatId};
            if (leiCode != null) return new String[]{"lei-code", leiCode};
            if (eori != null) return new String[]{"eori", eori};
            if (euid != null) return new String[]{"euid", euid};
            return new String[]{"tax-id", taxId};
        }
    }

    @Option(names = "--country", required = true, paramLabel = "CC", description = "ISO 3166-1 alpha-2 country of the legal and headquarters address")
    String country;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory for every artefact")
    Path out;

    @Option(names = "--server", paramLabel = "URL", description = "the Federator (notary + compliance) base URL, e.g. http://127.0.0.1:8080")
    URI server;

    @Option(names = "--key-type", paramLabel = "TYPE", defaultValue = "rsa", description = "rsa (PS256; default), rsa-3072, ec-p256, ec-p384, ed25519")
    String keyType;

    @Option(names = "--terms-hash", paramLabel = "SHA256", description = "gx:gaiaxTermsAndConditions of the gx:Issuer credential (default: the current 25.11 hash)")
    String termsHash;

    @Option(names = "--credential-base", paramLabel = "URL", description = "base URL of the credential ids (default https://HOST[/PATH]/credentials/)")
    URI credentialBase;

    @Option(names = "--valid-days", paramLabel = "N", defaultValue = "365", description = "validity of the credentials (default 365)")
    int validDays;

    @Option(names = "--key", paramLabel = "FILE", description = "use this private key (PEM or PKCS#12) instead of generating one; "
            + "needs --certificate-chain (a production participant's key chains to an accepted trust anchor)")
    Path existingKey;

    @Option(names = "--key-password", paramLabel = "P", description = "password of an encrypted --key (or set " + SignCommand.PASSWORD_ENV + ")")
    String keyPassword;

    @Option(names = "--certificate-chain", paramLabel = "FILE", description = "PEM chain of --key, leaf first")
    Path existingChain;

    @Option(names = "--force", description = "overwrite existing files")
    boolean force;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60", description = "time limit of each server request (default 60)")
    int timeoutSeconds;

    private char[] keyPassword() {
        String password = keyPassword != null ? keyPassword : System.getenv(SignCommand.PASSWORD_ENV);
        return password == null ? null : password.toCharArray();
    }

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
        String cc = country.strip().toUpperCase(Locale.ROOT);
        if (!COUNTRY.matcher(cc).matches()) {
            throw new UsageException("--country must be an ISO 3166-1 alpha-2 code such as DE, not '" + country + "'");
        }
        if ((existingKey == null) != (existingChain == null)) {
            throw new UsageException("--key and --certificate-chain go together: the DID document names the key's chain by x5u");
        }
        if (validDays < 1) {
            throw new UsageException("--valid-days must be at least 1");
        }
        String hash = termsHash != null ? termsHash.strip().toLowerCase(Locale.ROOT) : TermsAndConditions.bundled().currentHash();
        if (!hash.matches("[0-9a-f]{64}")) {
            throw new UsageException("--terms-hash must be 64 hex digits (SHA-256), not '" + termsHash + "'");
        }
        if (server != null && !(("http".equals(server.getScheme()) || "https".equals(server.getScheme())) && server.getHost() != null)) {
            throw new UsageException("--server must be an http(s) URL such as http://127.0.0.1:8080, not " + server);
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UsageException("--out " + out + " is not a directory");
        }
        if (!force) {
            for (String name : List.of(DidCommand.KEY_FILE, DidCommand.DOCUMENT_FILE, DidCommand.CHAIN_FILE, DidCommand.CA_FILE,
                    LEGAL_PERSON_FILE, ISSUER_FILE, REGISTRATION_FILE, PRESENTATION_FILE, LABEL_FILE)) {
                if (Files.exists(out.resolve(name))) {
                    throw new UsageException(out.resolve(name) + " exists; use another --out directory or --force to overwrite");
                }
            }
        }
        PrintWriter o = spec.commandLine().getOut();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        URI base = credentialBase != null ? credentialBase : ParticipantCredentials.credentialBase(didWeb);
        Ids ids = Ids.under(base);

        // 1. key, did:web, chain
        URI chainUrl = didWeb.directoryUrl().resolve(DidCommand.CHAIN_FILE);
        JWK signingKey;
        if (existingKey != null) {
            signingKey = DidCommand.publish(didWeb, existingKey, keyPassword(), existingChain, chainUrl, out);
            o.println("1. " + didWeb.did() + ": did.json and chain written for the given key (host did.json at " + didWeb.documentUrl() + ")");
        } else {
            signingKey = DidCommand.create(didWeb, type, chainUrl, out, force, now).key();
            o.println("1. " + didWeb.did() + ": key, did.json, chain and local CA written (host did.json at " + didWeb.documentUrl() + ")");
        }
        CredentialSigner.SigningKey key = new CredentialSigner.SigningKey(signingKey, didWeb.did() + "#" + DidCommand.FRAGMENT);

        // 2. registration-number credential from the notary
        String[] number = this.number.typeAndValue();
        String registrationSubject = Ids.subject(ids.registrationNumber());
        URI notaryRequest = notaryRequest(server != null ? server : URI.create("https://NOTARY"), number[0], number[1], ids.registrationNumber(), registrationSubject);
        String registrationJwt = null;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        if (server == null) {
            write(REGISTRATION_REQUEST_FILE, "GET " + notaryRequest + "\nAccept: application/vc+jwt\n");
            o.println("2. no --server: the registration-number request is in " + out.resolve(REGISTRATION_REQUEST_FILE));
        } else {
            HttpResponse<String> response = send(client, HttpRequest.newBuilder(notaryRequest).header("Accept", "application/vc+jwt, application/json;q=0.5").GET(), "the notary");
            if (response.statusCode() != 200) {
                write("registration-number.error.json", response.body());
                spec.commandLine().getErr().println("federator onboard: the notary answered HTTP " + response.statusCode() + " for "
                        + number[0] + " " + number[1] + ": " + response.body());
                return response.statusCode() >= 500 ? ExitCodes.FAILURE : ExitCodes.INVALID;
            }
            registrationJwt = response.body().strip();
            write(REGISTRATION_FILE, registrationJwt + "\n");
            o.println("2. registration-number credential (" + number[0] + " " + number[1] + ") from the notary: " + out.resolve(REGISTRATION_FILE));
        }

        // 3. gx:LegalPerson and gx:Issuer, signed as vc+jwt
        CredentialSigner signer = new CredentialSigner();
        Instant until = now.plus(Duration.ofDays(validDays));
        String legalPerson = signer.sign(ParticipantCredentials.legalPerson(didWeb.did(), ids, legalName, cc, registrationSubject, now, until), key, CredentialSigner.Format.VC_JWT, now);
        String issuer = signer.sign(ParticipantCredentials.issuer(didWeb.did(), ids, hash, now, until), key, CredentialSigner.Format.VC_JWT, now);
        write(LEGAL_PERSON_FILE, legalPerson + "\n");
        write(ISSUER_FILE, issuer + "\n");
        o.println("3. gx:LegalPerson and gx:Issuer (terms hash " + hash + ") signed: " + out.resolve(LEGAL_PERSON_FILE) + ", " + out.resolve(ISSUER_FILE));

        // 4. the presentation
        List<String> credentials = new ArrayList<>(List.of(legalPerson, issuer));
        if (registrationJwt != null) {
            credentials.add(registrationJwt);
        }
        String presentation = signer.sign(ParticipantCredentials.presentation(didWeb.did(), credentials, now, until), key, CredentialSigner.Format.VC_JWT, now);
        write(PRESENTATION_FILE, presentation + "\n");
        o.println("4. presentation of " + credentials.size() + " credentials (vp+jwt): " + out.resolve(PRESENTATION_FILE));

        // 5. the label credential
        URI compliance = resolve(server != null ? server : URI.create("https://COMPLIANCE"),
                "api/credential-offers/standard-compliance?vcid=" + enc(ids.label()));
        if (server == null) {
            o.println("5. no --server: obtain the label credential with");
            o.println("   curl -X POST -H 'Content-Type: application/vp+jwt' --data-binary @" + out.resolve(PRESENTATION_FILE) + " '" + compliance + "'");
            o.flush();
            return ExitCodes.OK;
        }
        HttpResponse<String> response = send(client, HttpRequest.newBuilder(compliance).header("Content-Type", "application/vp+jwt")
                .header("Accept", "application/vc+jwt, application/json;q=0.5")
                .POST(HttpRequest.BodyPublishers.ofString(presentation, StandardCharsets.US_ASCII)), "the compliance");
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            write("compliance.error.json", response.body());
            spec.commandLine().getErr().println("federator onboard: the compliance answered HTTP " + response.statusCode()
                    + "; its answer is in " + out.resolve("compliance.error.json"));
            return response.statusCode() >= 500 ? ExitCodes.FAILURE : ExitCodes.INVALID;
        }
        write(LABEL_FILE, response.body().strip() + "\n");
        o.println("5. label credential (standard compliance): " + out.resolve(LABEL_FILE));
        o.flush();
        return ExitCodes.OK;
    }

    static URI notaryRequest(URI server, String type, String value, String vcId, String subjectId) {
        return resolve(server, "v2/registration-numbers/" + type + "/" + enc(value) + "?vcId=" + enc(vcId) + "&subjectId=" + enc(subjectId));
    }

    private HttpResponse<String> send(HttpClient client, HttpRequest.Builder request, String who) {
        URI uri = request.build().uri();
        try {
            return client.send(request.timeout(Duration.ofSeconds(timeoutSeconds)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ServerUnreachable(who + " at " + uri + " could not be reached: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerUnreachable("interrupted while waiting for " + who);
        }
    }

    /** A server of the flow could not be reached (exit 3, not an internal error). */
    static final class ServerUnreachable extends RuntimeException {
        ServerUnreachable(String message) {
            super(message);
        }
    }

    private void write(String name, String content) {
        try {
            Files.writeString(out.resolve(name), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("cannot write " + out.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    private static URI resolve(URI server, String relative) {
        String base = server.toString().endsWith("/") ? server.toString() : server + "/";
        return URI.create(base + relative);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
