package eu.federator.server.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.List;

/** XFSC {@code GET /roles}: the catalogue's role names. */
@RestController
@Tag(name = "Roles", description = "XFSC Federated Catalogue roles")
public class RolesController {

    @GetMapping(path = "/roles", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List the role names (XFSC)", description = "The XFSC role names this catalogue understands: "
            + "Ro-MU-CA catalogue admin, Ro-MU-A participant admin, Ro-SD-A self-description admin (2026: Ro-AS-A, accepted "
            + "as an alias), Ro-PA-A participant user admin, Ro-FC-PEER peer catalogue (reads the federation change feed). Needs any valid token.")
    public List<String> roles() {
        return Arrays.stream(Role.values()).map(Role::roleName).toList();
    }
}
