package eu.federator.server.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's error page (Whitelabel HTML or its JSON map) for errors raised outside controllers (filters,
 * the servlet container): always a problem detail, never a stack trace or an exception message for 5xx.
 */
@Hidden
@RestController
public class ProblemErrorController implements ErrorController {
    static final String LIMIT_ATTRIBUTE = ProblemErrorController.class.getName() + ".limit";
    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    private final org.thymeleaf.ITemplateEngine templates;

    public ProblemErrorController(org.thymeleaf.ITemplateEngine templates) {
        this.templates = templates;
    }

    @RequestMapping("${server.error.path:/error}")
    public ResponseEntity<?> error(HttpServletRequest request) {
        ResponseEntity<ProblemDetail> problem = problem(request);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String path && isPortalPage(path) && String.valueOf(request.getHeader(HttpHeaders.ACCEPT)).contains("text/html")) {
            // a browser on a portal page (e.g. an upload over the body limit, refused before any controller) gets a page
            org.thymeleaf.context.Context context = new org.thymeleaf.context.Context(java.util.Locale.ENGLISH);
            context.setVariable("status", problem.getStatusCode().value());
            context.setVariable("message", problem.getBody() == null ? null : problem.getBody().getDetail());
            return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders())
                    .contentType(new org.springframework.http.MediaType(org.springframework.http.MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                    .body(templates.process("portal/error", context));
        }
        return problem;
    }

    private static boolean isPortalPage(String path) {
        return eu.federator.server.security.PortalSecurityConfiguration.PATHS.stream()
                .filter(p -> !p.startsWith("/webjars") && !p.startsWith("/portal/"))
                .anyMatch(p -> p.endsWith("/**") ? path.startsWith(p.substring(0, p.length() - 3)) : path.equals(p));
    }

    private ResponseEntity<ProblemDetail> problem(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(code instanceof Integer status)) {
            return Problems.response(Problems.of(HttpStatus.NOT_FOUND, "no such resource"));
        }
        HttpStatusCode statusCode = HttpStatusCode.valueOf(status);
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        Throwable exception = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        ProblemDetail problem;
        if (status == 413) {
            problem = Problems.of(ProblemType.PAYLOAD_TOO_LARGE, statusCode, text(message, "the request body is too large"));
            Object limit = request.getAttribute(LIMIT_ATTRIBUTE);
            if (limit != null) {
                problem.setProperty("limit", limit);
            }
        } else if (statusCode.is5xxServerError()) {
            if (exception != null) {
                log.error("Error in {} {}", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), request.getMethod(), exception);
            }
            problem = Problems.of(statusCode, "an unexpected error occurred; the server log has the details");
        } else {
            problem = Problems.of(statusCode, text(message, null));
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String path) {
            try {
                problem.setInstance(java.net.URI.create(path));
            } catch (IllegalArgumentException ignored) {
                // not a valid URI reference: leave instance out
            }
        }
        HttpHeaders headers = new HttpHeaders();
        if (status == 413) {
            headers.setConnection("close");
        }
        return Problems.response(problem, headers);
    }

    private static String text(Object message, String fallback) {
        return message instanceof String s && !s.isBlank() ? s : fallback;
    }
}
