package eu.federator.server.portal.onboarding;

import eu.federator.server.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/** The DID documents and certificate chains of the identities the portal hosts (public: verifiers resolve them). */
@RestController
@Tag(name = "Hosted identities", description = "did:web documents of participants onboarded through the portal")
public class HostedDidController {
    static final String PEM_CHAIN = "application/x-pem-file";
    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

    private final HostedIdentities identities;

    public HostedDidController(HostedIdentities identities) {
        this.identities = identities;
    }

    @GetMapping(path = "/dids/{name}/did.json")
    @Operation(summary = "The DID document of a hosted identity (did:web:<host>:dids:<name>)")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json"))
    @ApiResponse(responseCode = "404", description = "no identity of this name is hosted here")
    public ResponseEntity<?> document(@PathVariable String name) {
        return serve(name, MediaType.APPLICATION_JSON, HostedIdentity::document);
    }

    @GetMapping(path = "/dids/{name}/" + HostedIdentity.CHAIN_FILE)
    @Operation(summary = "The certificate chain (PEM, leaf first) of a hosted identity's key: the x5u of its DID document")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = PEM_CHAIN))
    @ApiResponse(responseCode = "404", description = "no identity of this name is hosted here")
    public ResponseEntity<?> chain(@PathVariable String name) {
        return serve(name, MediaType.parseMediaType(PEM_CHAIN), HostedIdentity::chainPem);
    }

    private ResponseEntity<?> serve(String name, MediaType type, Function<HostedIdentity, String> content) {
        Optional<HostedIdentity> identity = identities.byName(name);
        if (identity.isEmpty()) {
            return Problems.response(Problems.of(HttpStatus.NOT_FOUND, "no identity named '" + name + "' is hosted here"));
        }
        return ResponseEntity.ok().cacheControl(CACHE).contentType(type).body(content.apply(identity.get()));
    }
}
