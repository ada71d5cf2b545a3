package eu.federator.server.portal;

import eu.federator.server.security.Caller;
import eu.federator.server.security.CallerContext;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;

/**
 * What every portal page needs: the {@link Viewer} for the navigation, and errors as pages (a status, a sentence and
 * a way on), never a stack trace.
 */
@ControllerAdvice(basePackages = "eu.federator.server.portal")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PortalAdvice {
    private static final Logger log = LoggerFactory.getLogger(PortalAdvice.class);

    private final CallerContext callers;
    private final PortalParticipants participants;

    public PortalAdvice(CallerContext callers, PortalParticipants participants) {
        this.callers = callers;
        this.participants = participants;
    }

    @ModelAttribute("viewer")
    public Viewer viewer() {
        return viewer(callers.current(), participants);
    }

    static Viewer viewer(Caller caller, PortalParticipants participants) {
        if (!caller.isAuthenticated()) {
            return new Viewer(caller, null, null);
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String name = caller.kind() == Caller.Kind.LOCAL_ADMIN ? "administrator" : caller.subject();
        if (authentication != null && authentication.getPrincipal() instanceof OidcUser user && user.getPreferredUsername() != null) {
            name = user.getPreferredUsername();
        }
        return new Viewer(caller, name, participants.of(caller).orElse(null));
    }

    @ExceptionHandler(ResponseStatusException.class)
    public String status(ResponseStatusException e, Model model, HttpServletResponse response) {
        return page(e.getStatusCode(), e.getReason(), model, response);
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    public String badParameter(Exception e, Model model, HttpServletResponse response) {
        String message = e instanceof MethodArgumentTypeMismatchException m
                ? "the parameter '" + m.getName() + "' has a value of the wrong kind"
                : e.getMessage();
        return page(HttpStatus.BAD_REQUEST, message, model, response);
    }

    @ExceptionHandler(Exception.class)
    public String unexpected(Exception e, Model model, HttpServletResponse response) {
        log.error("Portal page failed", e);
        return page(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side; the server log has the details.", model, response);
    }

    private String page(HttpStatusCode status, String message, Model model, HttpServletResponse response) {
        response.setStatus(status.value());
        model.addAttribute("status", status.value());
        model.addAttribute("message", message == null || message.isBlank() ? defaultMessage(status) : message);
        model.addAttribute("viewer", viewer());
        return "portal/error";
    }

    private static String defaultMessage(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "The request could not be served." : known.getReasonPhrase();
    }
}
