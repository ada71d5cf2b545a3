package eu.federator.server.registry;

import eu.federator.credentials.json.Json;
import eu.federator.credentials.json.JsonSyntaxException;
import eu.federator.credentials.keys.Certificates;
import eu.federator.credentials.keys.KeyMaterialException;
import eu.federator.credentials.net.FetchException;
import eu.federator.credentials.net.ResourceFetcher;
import eu.federator.credentials.trust.TrustAnchors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/** The GXDCH registry's trust-anchor endpoints: is this certificate an anchor, does this chain lead to one. */
@RestController
@Tag(name = "Registry", description = "Gaia-X registry (GXDCH compatible)")
public class TrustAnchorController {
    private static final String PEM_ACCEPT = "application/x-pem-file, application/pem-certificate-chain, text/plain;q=0.5, */*;q=0.1";

    private final ChainCheck chains;
    private final TrustAnchors anchors;
    private final ResourceFetcher fetcher;

    public TrustAnchorController(ChainCheck chains, TrustAnchors anchors, ResourceFetcher outboundFetcher) {
        this.chains = chains;
        this.anchors = anchors;
        this.fetcher = outboundFetcher;
    }

    @PostMapping(path = "/api/trustAnchor/chain")
    @Operation(summary = "Does a certificate chain lead to a trust anchor?", description = "200 {\"result\":true} or 409 "
            + "{\"result\":false,\"resultCode\":-1,\"resultMessage\":\"<why>\"}. The certificates may come in any order.",
            requestBody = @RequestBody(content = @Content(mediaType = "application/json",
                    examples = @ExampleObject("{\"certs\":\"-----BEGIN CERTIFICATE-----\\n...\\n-----END CERTIFICATE-----\"}"))))
    @ApiResponse(responseCode = "200", description = "the chain validates to a configured trust anchor")
    @ApiResponse(responseCode = "409", description = "it does not; resultMessage says why")
    public ResponseEntity<String> chain(HttpServletRequest request, @org.springframework.web.bind.annotation.RequestBody(required = false) byte[] body) {
        JsonObject json = jsonBody(request, body);
        String pem = stringMember(json, "certs");
        return verdict(parsePem(pem, "certs"));
    }

    @PostMapping(path = "/api/trustAnchor/chain/file")
    @Operation(summary = "Does the certificate chain at a URL lead to a trust anchor?", description = "The PEM at uri is fetched through "
            + "the guarded outbound client (https only, no private addresses, size and time limits) or the web mirror; then as /api/trustAnchor/chain.",
            requestBody = @RequestBody(content = @Content(mediaType = "application/json",
                    examples = @ExampleObject("{\"uri\":\"https://example.org/.well-known/x509CertificateChain.pem\"}"))))
    @ApiResponse(responseCode = "200", description = "the chain validates to a configured trust anchor")
    @ApiResponse(responseCode = "409", description = "it does not; resultMessage says why")
    @ApiResponse(responseCode = "422", description = "the chain could not be fetched")
    public ResponseEntity<String> chainFile(HttpServletRequest request, @org.springframework.web.bind.annotation.RequestBody(required = false) byte[] body) {
        JsonObject json = jsonBody(request, body);
        String uri = stringMember(json, "uri");
        URI target;
        try {
            target = new URI(uri);
        } catch (java.net.URISyntaxException e) {
            throw new RegistryException(HttpStatus.BAD_REQUEST, "'uri' is not a URI: " + e.getMessage());
        }
        if (!target.isAbsolute() || !("https".equals(target.getScheme()) || "http".equals(target.getScheme()))) {
            throw new RegistryException(HttpStatus.BAD_REQUEST, "'uri' must be an absolute https URL, not '" + uri + "'");
        }
        byte[] fetched;
        try {
            fetched = fetcher.fetch(target, PEM_ACCEPT).body();
        } catch (FetchException e) {
            throw new RegistryException(HttpStatus.UNPROCESSABLE_CONTENT, "the certificate chain could not be fetched: " + e.getMessage());
        }
        return verdict(parsePem(new String(fetched, StandardCharsets.US_ASCII), "the document at " + uri));
    }

    @PostMapping(path = "/api/trustAnchor")
    @Operation(summary = "Is a certificate a trust anchor?", description = "Body {\"certificate\":\"<base64 DER>\"} (PEM is accepted too). "
            + "200 {\"trustState\":\"trusted\",\"trustedForAttributes\":\"/.*/gm\",\"trustedAt\":<ms>} or 404.")
    @ApiResponse(responseCode = "200", description = "the certificate is a configured trust anchor")
    @ApiResponse(responseCode = "404", description = "it is not")
    public ResponseEntity<String> anchor(HttpServletRequest request, @org.springframework.web.bind.annotation.RequestBody(required = false) byte[] body) {
        JsonObject json = jsonBody(request, body);
        String value = stringMember(json, "certificate");
        X509Certificate certificate;
        if (value.contains("-----BEGIN")) {
            List<X509Certificate> list = parsePem(value, "certificate");
            if (list.size() != 1) {
                throw new RegistryException(HttpStatus.BAD_REQUEST, "'certificate' must hold one certificate, not " + list.size());
            }
            certificate = list.getFirst();
        } else {
            try {
                byte[] der = Base64.getMimeDecoder().decode(value);
                certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            } catch (IllegalArgumentException | CertificateException e) {
                throw new RegistryException(HttpStatus.BAD_REQUEST, "'certificate' is not a base64 DER X.509 certificate: " + e.getMessage());
            }
        }
        if (!anchors.contains(certificate)) {
            throw new RegistryException(HttpStatus.NOT_FOUND, "the certificate " + certificate.getSubjectX500Principal().getName()
                    + " is not one of the " + anchors.certificates().size() + " trust anchors of this registry");
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Json.write(Json.provider().createObjectBuilder()
                .add("trustState", "trusted").add("trustedForAttributes", "/.*/gm").add("trustedAt", Instant.now().toEpochMilli()).build()));
    }

    private ResponseEntity<String> verdict(List<X509Certificate> certificates) {
        ChainCheck.Outcome outcome = chains.check(certificates, Instant.now());
        if (outcome.trusted()) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body("{\"result\":true}");
        }
        return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_JSON).body(Json.write(Json.provider()
                .createObjectBuilder().add("result", false).add("resultCode", -1).add("resultMessage", outcome.message()).build()));
    }

    private static List<X509Certificate> parsePem(String pem, String what) {
        try {
            return Certificates.readPem(pem);
        } catch (KeyMaterialException e) {
            throw new RegistryException(HttpStatus.BAD_REQUEST, what + ": " + e.getMessage());
        }
    }

    /** Content type checked here (not by {@code consumes}), so that a wrong one gets this API's envelope. */
    static JsonObject jsonBody(HttpServletRequest request, byte[] body) {
        String contentType = request.getContentType();
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.parseMediaType(contentType);
        } catch (org.springframework.util.InvalidMimeTypeException e) {
            type = null;
        }
        if (type == null || !(type.isCompatibleWith(MediaType.APPLICATION_JSON) || type.getSubtype().endsWith("+json"))) {
            throw new RegistryException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, (contentType == null ? "no Content-Type" : "Content-Type '" + contentType + "'")
                    + " is not accepted here; send application/json");
        }
        if (body == null || body.length == 0) {
            throw new RegistryException(HttpStatus.BAD_REQUEST, "the request body is empty; send a JSON object");
        }
        try {
            return Json.parseObject(body);
        } catch (JsonSyntaxException e) {
            throw new RegistryException(HttpStatus.BAD_REQUEST, "the body is not a JSON object: " + e.getMessage());
        }
    }

    static String stringMember(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (!(value instanceof JsonString s) || s.getString().isBlank()) {
            throw new RegistryException(HttpStatus.BAD_REQUEST, "'" + name + "' is required and must be a non-empty string",
                    List.of(name + " must be a string"));
        }
        return s.getString();
    }
}
