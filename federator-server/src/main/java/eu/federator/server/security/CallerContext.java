package eu.federator.server.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The caller of the current request, for services that do ownership checks ({@link Caller#mayActFor}). */
@Component
public class CallerContext {

    /** The current caller; {@link Caller#ANONYMOUS} outside an authenticated request. */
    public Caller current() {
        return currentCaller();
    }

    static Caller currentCaller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof CallerAuthentication ca && ca.isAuthenticated()) {
            return ca.getPrincipal();
        }
        if (authentication != null && authentication.isAuthenticated() && authentication.getPrincipal() instanceof CallerOidcUser user) {
            return user.caller();
        }
        return Caller.ANONYMOUS;
    }
}
