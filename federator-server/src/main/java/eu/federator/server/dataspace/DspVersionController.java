package eu.federator.server.dataspace;

import eu.federator.credentials.json.Json;
import eu.federator.trustframework.identity.ServiceIdentity;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * DSP version discovery ({@code common.protocol.md}): unversioned, unauthenticated. No {@code auth} entry: it names a
 * DCP profile, and this connector's identity profile is not DCP yet (docs/dataspace.md).
 */
@RestController
@Tag(name = "Dataspace Protocol")
public class DspVersionController {
    private final String body;

    public DspVersionController(ServiceIdentity identity) {
        this.body = Json.write(Json.provider().createObjectBuilder().add("protocolVersions", Json.provider().createArrayBuilder()
                .add(Json.provider().createObjectBuilder()
                        .add("version", "2025-1")
                        .add("path", DspCatalogController.BASE)
                        .add("binding", "HTTPS")
                        .add("serviceId", identity.did() + "#dsp")
                        .add("identifierType", "did:web")))
                .build());
    }

    @Operation(summary = "The DSP versions this connector speaks, with their paths")
    @GetMapping(path = "/.well-known/dspace-version", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> versions() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
