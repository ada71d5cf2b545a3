package eu.federator.server.portal;

import eu.federator.server.security.FederatorSecurityProperties;
import eu.federator.server.security.PortalProperties;
import eu.federator.server.security.PortalSecurityConfiguration;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The sign-in page: the identity provider's button in OIDC mode, the admin-token form in local mode. */
@Controller
@Hidden
public class LoginController {
    private final FederatorSecurityProperties security;
    private final PortalProperties portal;

    public LoginController(FederatorSecurityProperties security, PortalProperties portal) {
        this.security = security;
        this.portal = portal;
    }

    @GetMapping("/login")
    public String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout, Model model) {
        model.addAttribute("oidc", security.oidc());
        model.addAttribute("oidcAvailable", security.issuerUri() != null);
        model.addAttribute("providerName", portal.providerName());
        model.addAttribute("oidcStart", "/oauth2/authorization/" + PortalSecurityConfiguration.REGISTRATION_ID);
        model.addAttribute("failed", error != null);
        model.addAttribute("signedOut", logout != null);
        return "portal/login";
    }

    /** Where Spring Security forwards a signed-in user who lacks the role for a page. */
    @RequestMapping("/portal-denied")
    public String denied() {
        throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Your account does not have the role this page needs.");
    }
}
