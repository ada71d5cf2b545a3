package eu.federator.server.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.List;

/**
 * Every error of a controller becomes an RFC 9457 problem detail ({@code application/problem+json}). Spring MVC's own
 * exceptions (404, 405, 406, 400 for unreadable or mistyped input, ...) keep their status; anything unexpected is a
 * 500 whose body names no exception and carries no stack trace (those go to the log).
 */
@RestControllerAdvice
public class ProblemExceptionHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(PayloadTooLargeException e) {
        ProblemDetail problem = Problems.of(ProblemType.PAYLOAD_TOO_LARGE, HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
        problem.setProperty("limit", e.limit());
        HttpHeaders headers = new HttpHeaders();
        headers.setConnection("close");
        return Problems.response(problem, headers);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, WebRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnsupportedOperationException) {
                log.warn("Not implemented: {} ({})", describe(request), t.getMessage());
                return Problems.response(Problems.of(ProblemType.NOT_IMPLEMENTED, HttpStatus.NOT_IMPLEMENTED,
                        "this function is not implemented in this build of Federator"));
            }
        }
        log.error("Unexpected error in {}", describe(request), e);
        return Problems.response(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR,
                "an unexpected error occurred; the server log has the details"));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex, HttpHeaders headers,
                                                                     HttpStatusCode status, WebRequest request) {
        List<String> accepted = ex.getSupportedMediaTypes().stream().map(MediaType::toString).toList();
        String given = ex.getContentType() == null ? "no Content-Type" : "Content-Type '" + ex.getContentType() + "'";
        ProblemDetail problem = Problems.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, status,
                given + " is not accepted here; send one of: " + String.join(", ", accepted));
        problem.setProperty("accepted", accepted);
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    /** Every body Spring MVC builds for its exceptions goes through here: make sure it is a complete problem. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        // an ErrorResponseException (or ResponseStatusException) arrives without body: its problem is the exception's own
        ProblemDetail problem = body instanceof ProblemDetail p ? p
                : ex instanceof ErrorResponse error ? error.getBody() : Problems.of(status, null);
        if (problem.getTitle() == null) {
            HttpStatus known = HttpStatus.resolve(status.value());
            problem.setTitle(known != null ? known.getReasonPhrase() : "Error");
        }
        if (status.value() == 400 && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
            problem.setType(ProblemType.MALFORMED_INPUT.uri());
        }
        if (status.is5xxServerError()) {
            log.error("Error in {}", describe(request), ex);
            problem.setDetail("an unexpected error occurred; the server log has the details");
        }
        HttpHeaders out = new HttpHeaders();
        out.addAll(headers);
        out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(problem, out, status);
    }

    private static String describe(WebRequest request) {
        if (request instanceof ServletWebRequest servlet) {
            return servlet.getRequest().getMethod() + " " + servlet.getRequest().getRequestURI();
        }
        return request.getDescription(false);
    }
}
