package eu.federator.server.security;

import eu.federator.server.web.ProblemType;
import eu.federator.server.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import java.io.IOException;
import java.net.URI;
import java.util.Comparator;
import java.util.List;

/**
 * 401 and 403 as RFC 9457 problem details, with the RFC 6750 {@code WWW-Authenticate: Bearer ...} challenge. The
 * detail says what was wrong (no token, expired, wrong issuer, missing role) but never echoes the token.
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {
    private final BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        challenge.commence(request, response, e); // status 401 and WWW-Authenticate (with error="invalid_token" for a bad token)
        String detail;
        if (e instanceof OAuth2AuthenticationException oauth) {
            String description = oauth.getError().getDescription();
            detail = "the bearer token was refused" + (description != null ? ": " + description : "");
        } else {
            detail = "this operation needs a bearer token (Authorization: Bearer ...)";
        }
        ProblemDetail problem = Problems.of(ProblemType.UNAUTHORIZED, HttpStatus.UNAUTHORIZED, detail);
        write(request, response, problem);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        response.setHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\", "
                + "error_description=\"The token does not carry a role this operation needs.\"");
        ProblemDetail problem = Problems.of(ProblemType.FORBIDDEN, HttpStatus.FORBIDDEN, null);
        var rule = EndpointPermissions.find(HttpMethod.valueOf(request.getMethod()), path(request));
        if (rule.isPresent() && rule.get().access() == EndpointPermissions.Access.ROLES) {
            List<String> needed = rule.get().roles().stream().sorted(Comparator.naturalOrder()).map(Role::roleName).toList();
            problem.setDetail("this operation needs one of the roles " + String.join(", ", needed));
            problem.setProperty("requiredRoles", needed);
        } else {
            problem.setDetail("this operation is not open to any caller");
        }
        write(request, response, problem);
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem) throws IOException {
        try {
            problem.setInstance(URI.create(request.getRequestURI()));
        } catch (IllegalArgumentException ignored) {
            // not a valid URI reference: leave instance out
        }
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("type", problem.getType().toString())
                .add("title", problem.getTitle())
                .add("status", problem.getStatus())
                .add("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            json.add("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null && problem.getProperties().get("requiredRoles") instanceof List<?> roles) {
            json.add("requiredRoles", Json.createArrayBuilder(roles.stream().map(String::valueOf).toList()));
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.build().toString());
    }

    static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }
}
