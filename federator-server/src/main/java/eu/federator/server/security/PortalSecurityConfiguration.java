package eu.federator.server.security;

import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Spring Security for the portal's pages: a browser session (cookie) after signing in, CSRF protection on every
 * state-changing request, a strict Content-Security-Policy, and the same {@link EndpointPermissions} as the API.
 * <p>
 * Signing in: in OIDC mode the authorization code flow of the configured issuer, the roles and the participant read
 * from the access token exactly as for an API call ({@link JwtCallerConverter}); in local mode the local admin token,
 * typed into the sign-in form. The API's chain ({@link SecurityConfiguration}) stays stateless and cookie-free.
 */
@Configuration(proxyBeanMethods = false)
public class PortalSecurityConfiguration {
    private static final Logger log = LoggerFactory.getLogger(PortalSecurityConfiguration.class);

    /** The registration id of the identity provider: {@code /oauth2/authorization/oidc}. */
    public static final String REGISTRATION_ID = "oidc";
    public static final String CSRF_HEADER = "X-CSRF-TOKEN";

    /** The paths the portal's chain answers (pages, sign-in, its static files); everything else is the API. */
    public static final List<String> PATHS = List.of("/", "/login", "/logout", "/oauth2/**", "/login/oauth2/**",
            "/catalogue/**", "/onboarding/**", "/publish/**", "/organisation/**", "/manage/**", "/portal/**", "/webjars/**",
            "/portal-denied");

    @Bean
    @Order(1)
    SecurityFilterChain portalFilterChain(HttpSecurity http, FederatorSecurityProperties security, PortalProperties portal,
                                          org.springframework.beans.factory.ObjectProvider<LocalAdminToken> adminToken) throws Exception {
        CookieCsrfTokenRepository csrf = new CookieCsrfTokenRepository();
        csrf.setHeaderName(CSRF_HEADER);
        csrf.setCookieName("FEDERATOR-XSRF");
        csrf.setCookieCustomizer(c -> c.sameSite("Strict").path("/"));
        AccessDeniedHandlerImpl denied = new AccessDeniedHandlerImpl();
        denied.setErrorPage("/portal-denied");
        http.securityMatcher(PATHS.toArray(String[]::new))
                .csrf(c -> c.csrfTokenRepository(csrf))
                .httpBasic(AbstractHttpConfigurer::disable)
                .requestCache(r -> r.requestCache(new org.springframework.security.web.savedrequest.HttpSessionRequestCache()))
                .headers(h -> h.referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .contentSecurityPolicy(c -> c.policyDirectives(contentSecurityPolicy(security)))
                        .permissionsPolicyHeader(p -> p.policy("camera=(), microphone=(), geolocation=(), payment=()")))
                .exceptionHandling(e -> e.accessDeniedHandler(denied))
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/catalogue").deleteCookies("SESSION"))
                .authorizeHttpRequests(a -> {
                    a.dispatcherTypeMatchers(DispatcherType.FORWARD).permitAll();
                    a.requestMatchers("/login", "/oauth2/**", "/login/oauth2/**").permitAll();
                    SecurityConfiguration.authorize(a, security.publicReads());
                });
        if (security.oidc()) {
            String clientId = portal.clientId() != null ? portal.clientId() : security.clientId();
            if (security.issuerUri() == null) {
                log.warn("Portal: sign-in needs federator.security.issuer-uri (only jwk-set-uri is set); pages that need a user are unreachable");
                http.formLogin(f -> f.loginPage("/login").permitAll());
            } else {
                JwtDecoder decoder = SecurityConfiguration.jwtDecoder(security);
                JwtCallerConverter converter = new JwtCallerConverter(security);
                http.oauth2Login(o -> o.loginPage("/login")
                        .clientRegistrationRepository(new DiscoveredRegistration(security.issuerUri(), clientId, portal))
                        .userInfoEndpoint(u -> u.oidcUserService(callerUsers(decoder, converter))));
                log.info("Portal: sign-in through {} as client '{}' (authorization code flow)", security.issuerUri(), clientId);
            }
        } else {
            LocalAdminToken token = adminToken.getObject();
            http.formLogin(f -> f.loginPage("/login").passwordParameter("token").defaultSuccessUrl("/", false)
                            .failureUrl("/login?error"))
                    .authenticationManager(new ProviderManager(localAdmin(token)));
            log.info("Portal: LOCAL MODE sign-in with the admin token");
        }
        return http.build();
    }

    /**
     * Scripts and styles only from this server (htmx's own inline indicator style is switched off by the layout), no
     * framing, forms post only here (and, in OIDC mode, to the identity provider, where the sign-in continues).
     */
    static String contentSecurityPolicy(FederatorSecurityProperties security) {
        String formAction = "'self'";
        if (security.issuerUri() != null) {
            URI issuer = URI.create(security.issuerUri());
            formAction += " " + issuer.getScheme() + "://" + issuer.getRawAuthority();
        }
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
                + "base-uri 'none'; frame-ancestors 'none'; form-action " + formAction;
    }

    /** The local admin token, typed into the sign-in form, signs in the local administrator. */
    static AuthenticationProvider localAdmin(LocalAdminToken token) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                Object typed = authentication.getCredentials();
                if (typed instanceof String s && token.matches(s.strip())) {
                    return new CallerAuthentication(SecurityConfiguration.LOCAL_ADMIN, null);
                }
                throw new BadCredentialsException("not the admin token");
            }

            @Override
            public boolean supports(Class<?> type) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
            }
        };
    }

    /** The signed-in person's roles and participant come from the access token, as for the API. */
    static OAuth2UserService<OidcUserRequest, OidcUser> callerUsers(JwtDecoder decoder, JwtCallerConverter converter) {
        OidcUserService standard = new OidcUserService();
        return request -> {
            OidcUser user = standard.loadUser(request);
            try {
                CallerAuthentication caller = (CallerAuthentication) converter.convert(decoder.decode(request.getAccessToken().getTokenValue()));
                return new CallerOidcUser(user, caller.getPrincipal());
            } catch (JwtException e) {
                throw new OAuth2AuthenticationException(new OAuth2Error("invalid_token",
                        "the identity provider's access token is not accepted here: " + e.getMessage(), null), e);
            }
        };
    }

    /**
     * The client registration, discovered from the issuer on first use rather than at start-up, so the server starts
     * (and serves everything else) while the identity provider is still starting.
     */
    static final class DiscoveredRegistration implements ClientRegistrationRepository {
        private final String issuer;
        private final String clientId;
        private final PortalProperties portal;
        private final AtomicReference<ClientRegistration> registration = new AtomicReference<>();

        DiscoveredRegistration(String issuer, String clientId, PortalProperties portal) {
            this.issuer = issuer;
            this.clientId = clientId;
            this.portal = portal;
        }

        @Override
        public ClientRegistration findByRegistrationId(String id) {
            if (!REGISTRATION_ID.equals(id)) {
                return null;
            }
            ClientRegistration known = registration.get();
            if (known == null) {
                ClientRegistration.Builder builder = ClientRegistrations.fromIssuerLocation(issuer).registrationId(REGISTRATION_ID)
                        .clientId(clientId).scope(portal.scopes()).clientName(portal.providerName())
                        .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}");
                if (portal.clientSecret() != null) {
                    builder.clientSecret(portal.clientSecret()).clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
                } else {
                    builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
                }
                known = builder.build();
                registration.compareAndSet(null, known);
            }
            return known;
        }
    }
}
