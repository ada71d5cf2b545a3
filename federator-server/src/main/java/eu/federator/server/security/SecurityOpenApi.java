package eu.federator.server.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * OpenAPI security from {@link EndpointPermissions}: a {@code bearer} scheme (JWT, or the admin token in local mode)
 * and, on every operation that needs a token, a security requirement plus a line naming the roles.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityOpenApi {
    public static final String SCHEME = "bearer";

    @Bean
    OpenApiCustomizer securityOpenApiCustomizer(FederatorSecurityProperties security) {
        return openApi -> customize(openApi, security.publicReads());
    }

    static void customize(OpenAPI openApi, boolean publicReads) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents().addSecuritySchemes(SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("JWT").description("An access token of the configured OpenID Connect issuer (OIDC mode), or the "
                        + "admin token (local mode, see docs/operations.md). Roles: Ro-MU-CA, Ro-MU-A, Ro-SD-A (Ro-AS-A), Ro-PA-A, Ro-FC-PEER."));
        if (openApi.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openApi.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().readOperationsMap().entrySet()) {
                HttpMethod method = HttpMethod.valueOf(op.getKey().name());
                var rule = EndpointPermissions.find(method, path.getKey());
                String needs;
                if (rule.isEmpty()) {
                    needs = "Denied: not in the permission table.";
                } else {
                    needs = switch (rule.get().access()) {
                        case PUBLIC -> null;
                        case CATALOGUE_READ -> publicReads ? null : "Needs a bearer token (federator.security.public-reads=false).";
                        case AUTHENTICATED -> "Needs a bearer token (any role).";
                        case ROLES -> "Needs a bearer token with one of the roles " + rule.get().roles().stream()
                                .sorted(Comparator.naturalOrder()).map(Role::roleName).collect(Collectors.joining(", ")) + ".";
                    };
                }
                if (needs != null) {
                    Operation operation = op.getValue();
                    operation.addSecurityItem(new SecurityRequirement().addList(SCHEME));
                    operation.setDescription(operation.getDescription() == null ? needs : operation.getDescription() + "\n\n" + needs);
                }
            }
        }
    }
}
