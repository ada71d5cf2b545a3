package eu.federator.server.security;

import org.springframework.http.HttpMethod;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import eu.federator.server.config.FederatorProperties;
import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Spring Security for the whole server: stateless bearer-token authentication (OIDC JWTs, or the local admin token and
 * the peer catalogues' tokens when no identity provider is configured) and authorization by {@link EndpointPermissions},
 * deny by default.
 * <p>
 * CSRF protection is off: the API keeps no session and no cookie authenticates anything; a request is authenticated
 * only by its {@code Authorization: Bearer} header, which a browser never adds by itself to a cross-site request, so
 * there is no ambient credential for a forged request to ride on.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /**
     * Catalogue ids are IRIs URL-encoded into one path segment ({@code /schemas/https%3A%2F%2Fw3id.org%2F...}), so
     * encoded slashes are allowed; every other check of the strict firewall stays on.
     */
    /**
     * Spring Security's observations off unless switched on (docs/operations.md): besides the per-filter observations the
     * management property turns off, this also drops the decorator that wraps every filter of every request.
     */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "management.observations.enable.spring.security",
            havingValue = "false")
    static org.springframework.security.config.observation.SecurityObservationSettings noSecurityObservations() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    @Bean
    org.springframework.security.web.firewall.HttpFirewall httpFirewall() {
        org.springframework.security.web.firewall.StrictHttpFirewall firewall = new org.springframework.security.web.firewall.StrictHttpFirewall();
        firewall.setAllowUrlEncodedSlash(true);
        firewall.setAllowUrlEncodedDoubleSlash(true); // "https://" inside an encoded IRI
        // Tomcat passes %2F through undecoded (TomcatConfiguration), so the decoded servlet path still holds a "%"
        firewall.setAllowUrlEncodedPercent(true);
        return firewall;
    }

    @Bean
    @org.springframework.core.annotation.Order(2)
    SecurityFilterChain securityFilterChain(HttpSecurity http, FederatorSecurityProperties security, FederatorProperties federator,
                                            Environment environment, org.springframework.beans.factory.ObjectProvider<LocalAdminToken> adminToken)
            throws Exception {
        List<String> peerTokens = Binder.get(environment).bind(LocalPeerTokens.PROPERTY, Bindable.listOf(String.class)).orElse(List.of())
                .stream().filter(t -> t != null && !t.isBlank()).toList();
        SecurityProblems problems = new SecurityProblems();
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .headers(h -> h.referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(a -> authorize(a, security.publicReads()));
        if (security.oidc()) {
            if (security.adminToken() != null) {
                log.warn("Security: federator.security.admin-token (FEDERATOR_ADMIN_TOKEN) is ignored in OIDC mode");
            }
            if (!peerTokens.isEmpty()) {
                log.warn("Security: {} is ignored in OIDC mode; peer catalogues need a token with role {} from the identity provider",
                        LocalPeerTokens.PROPERTY, Role.FEDERATION_PEER.roleName());
            }
            JwtDecoder decoder = jwtDecoder(security);
            http.oauth2ResourceServer(o -> o.bearerTokenResolver(IGNORED_ON_PUBLIC_ENDPOINTS)
                    .jwt(j -> j.decoder(decoder).jwtAuthenticationConverter(new JwtCallerConverter(security)))
                    .authenticationEntryPoint(problems).accessDeniedHandler(problems));
            log.info("Security: OIDC mode; bearer JWTs from issuer {}{}, roles from '{}'{}, audience {}; catalogue reads {}",
                    security.issuerUri() != null ? security.issuerUri() : "(not checked)",
                    security.jwkSetUri() != null ? " (keys " + security.jwkSetUri() + ")" : "",
                    security.roleClaim(), security.realmRoles() ? " and 'realm_access.roles'" : "",
                    security.audiences().isEmpty() ? "not checked" : security.audiences(),
                    security.publicReads() ? "public" : "need a token");
        } else {
            LocalAdminToken token = adminToken.getObject();
            LocalPeerTokens peers = LocalPeerTokens.of(peerTokens, token);
            AuthenticationManager local = local(token, peers);
            http.oauth2ResourceServer(o -> o.bearerTokenResolver(IGNORED_ON_PUBLIC_ENDPOINTS).authenticationManagerResolver(request -> local)
                    .authenticationEntryPoint(problems).accessDeniedHandler(problems));
            log.info("Security: LOCAL MODE, no identity provider configured (federator.security.issuer-uri); writes need the admin bearer token {}; catalogue reads {}{}",
                    switch (token.source()) {
                        case CONFIGURED -> "from FEDERATOR_ADMIN_TOKEN / federator.security.admin-token";
                        case GENERATED -> "generated into " + token.file() + " (mode 0600)";
                        case FILE -> "in " + token.file();
                    },
                    security.publicReads() ? "are public" : "need the admin token",
                    peers.size() == 0 ? "" : "; " + peers.size() + " peer token(s) may read the federation feed");
        }
        return http.build();
    }

    /**
     * The local admin token, resolved once (read, or generated at the first start) for the API's and the portal's chains;
     * made only in local mode, when a chain asks for it.
     */
    @Bean
    @org.springframework.context.annotation.Lazy
    LocalAdminToken localAdminToken(FederatorSecurityProperties security, FederatorProperties federator) {
        return LocalAdminToken.resolve(security.adminToken(), federator.dataDir());
    }

    /**
     * Public endpoints (verification, the GXDCH services, registry reads, health) ignore a bearer token: clients that
     * send theirs with every call (XFSC and GXDCH clients, tokens of other issuers) are not refused where none is needed.
     */
    private static final BearerTokenResolver IGNORED_ON_PUBLIC_ENDPOINTS = new BearerTokenResolver() {
        private final DefaultBearerTokenResolver standard = new DefaultBearerTokenResolver();

        @Override
        public String resolve(HttpServletRequest request) {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            boolean open = EndpointPermissions.find(HttpMethod.valueOf(request.getMethod()), path)
                    .filter(rule -> rule.access() == EndpointPermissions.Access.PUBLIC).isPresent();
            return open ? null : standard.resolve(request);
        }
    };

    static void authorize(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry a, boolean publicReads) {
        // errors raised by filters or the container are rendered by /error after the original request was authorized
        a.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
        for (EndpointPermissions.Rule rule : EndpointPermissions.RULES) {
            var matched = rule.method() == null ? a.requestMatchers(rule.pattern()) : a.requestMatchers(rule.method(), rule.pattern());
            switch (rule.access()) {
                case PUBLIC -> matched.permitAll();
                case CATALOGUE_READ -> {
                    if (publicReads) {
                        matched.permitAll();
                    } else {
                        matched.authenticated();
                    }
                }
                case AUTHENTICATED -> matched.authenticated();
                case ROLES -> matched.hasAnyRole(rule.roles().stream().map(Role::roleName).toArray(String[]::new));
            }
        }
        a.anyRequest().denyAll();
    }

    /** Local mode: the admin token (catalogue admin) and the peer tokens (only {@link Role#FEDERATION_PEER}). */
    static final Caller LOCAL_ADMIN = new Caller("local-admin", Set.of(Role.CATALOGUE_ADMIN), null, Caller.Kind.LOCAL_ADMIN);

    static AuthenticationManager local(LocalAdminToken token, LocalPeerTokens peers) {
        Caller admin = LOCAL_ADMIN;
        return authentication -> {
            if (authentication instanceof BearerTokenAuthenticationToken bearer) {
                if (token.matches(bearer.getToken())) {
                    return new CallerAuthentication(admin, null);
                }
                Optional<Integer> peer = peers.match(bearer.getToken());
                if (peer.isPresent()) {
                    return new CallerAuthentication(new Caller("local-peer-" + peer.get(), Set.of(Role.FEDERATION_PEER), null,
                            Caller.Kind.LOCAL_PEER), null);
                }
            }
            throw new InvalidBearerTokenException("the bearer token is not valid here (local mode accepts only the admin token and the peer tokens)");
        };
    }

    static JwtDecoder jwtDecoder(FederatorSecurityProperties security) {
        NimbusJwtDecoder decoder = security.jwkSetUri() != null
                ? NimbusJwtDecoder.withJwkSetUri(security.jwkSetUri()).build()
                : NimbusJwtDecoder.withIssuerLocation(security.issuerUri()).build();
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtTimestampValidator(security.clockSkew()));
        if (security.issuerUri() != null) {
            validators.add(new JwtIssuerValidator(security.issuerUri()));
        }
        if (!security.audiences().isEmpty()) {
            validators.add(audience(security.audiences()));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    private static OAuth2TokenValidator<Jwt> audience(List<String> accepted) {
        OAuth2Error error = new OAuth2Error("invalid_token", "The aud claim does not name this catalogue (expected one of "
                + accepted + ")", null);
        return jwt -> {
            List<String> aud = jwt.getAudience();
            return aud != null && aud.stream().anyMatch(accepted::contains)
                    ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(error);
        };
    }
}
