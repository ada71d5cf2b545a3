package eu.federator.server.dataspace.dataplane;

import eu.federator.server.web.ProblemType;
import eu.federator.server.web.Problems;
import org.apache.coyote.CloseNowException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The data plane's refusals as problem details (RFC 9457); 401 with a Bearer challenge. */
@RestControllerAdvice(assignableTypes = DataPlaneController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DataPlaneErrors {

    @ExceptionHandler(DataPlaneException.class)
    ResponseEntity<ProblemDetail> refused(DataPlaneException e) {
        HttpHeaders headers = new HttpHeaders();
        ProblemDetail problem;
        if (e.status() == HttpStatus.UNAUTHORIZED) {
            problem = Problems.of(ProblemType.UNAUTHORIZED, e.status(), e.getMessage());
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\", error_description=\"" + e.getMessage().replace("\"", "'") + "\"");
        } else if (e.status() == HttpStatus.CONTENT_TOO_LARGE) {
            problem = Problems.of(ProblemType.PAYLOAD_TOO_LARGE, e.status(), e.getMessage());
            headers.setConnection("close");
        } else if (e.status() == HttpStatus.BAD_REQUEST) {
            problem = Problems.of(ProblemType.MALFORMED_INPUT, e.status(), e.getMessage());
        } else {
            problem = Problems.of(e.status(), e.getMessage());
        }
        return Problems.response(problem, headers);
    }

    /**
     * A pull whose source broke off after the response was committed: thrown on, so that the container closes the
     * connection instead of completing the response (a truncated body must not look complete). Tomcat's own exception
     * for this case: it closes the connection and logs it at debug level only (the data plane logged why).
     */
    @ExceptionHandler(CloseNowException.class)
    void brokeOff(CloseNowException e) throws CloseNowException {
        throw e;
    }
}
