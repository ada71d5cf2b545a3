package eu.federator.server.security;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test-only endpoint under {@code /admin/test} (catalogue admin): shows the {@link Caller} a controller gets, both as
 * an injected parameter and from {@link CallerContext}.
 */
@RestController
class WhoAmI {
    private final CallerContext context;

    WhoAmI(CallerContext context) {
        this.context = context;
    }

    @GetMapping("/admin/test/whoami")
    Map<String, Object> whoami(Caller caller) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("subject", caller.subject());
        out.put("kind", caller.kind().name());
        out.put("roles", caller.roles().stream().map(Role::roleName).sorted().toList());
        out.put("participantId", caller.participantId());
        out.put("catalogueAdmin", caller.isCatalogueAdmin());
        out.put("sameAsContext", caller.equals(context.current()));
        return out;
    }
}
