package eu.federator.server.security;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static eu.federator.server.security.Role.CATALOGUE_ADMIN;
import static eu.federator.server.security.Role.FEDERATION_PEER;
import static eu.federator.server.security.Role.PARTICIPANT_ADMIN;
import static eu.federator.server.security.Role.PARTICIPANT_USER_ADMIN;
import static eu.federator.server.security.Role.SD_ADMIN;

/**
 * Who may call what: the one table of the server's endpoint permissions. The first rule whose method and path pattern
 * match decides; a request that no rule matches is <b>denied</b> (401 without a token, 403 with one). Patterns are
 * Spring {@link PathPattern}s: {@code *} is one path segment, a trailing {@code /**} zero or more segments (so
 * {@code /shapes/**} also matches {@code /shapes}).
 * <p>
 * The same table drives the OpenAPI security requirements and is printed in {@code docs/operations.md}. The roles
 * follow the XFSC Federated Catalogue ({@code SecurityConfig} of fc-service); where Federator differs, {@link Rule#note}
 * says why.
 */
public final class EndpointPermissions {
    private EndpointPermissions() {
    }

    public enum Access {
        /** No token needed. */
        PUBLIC,
        /** Catalogue reads: no token needed if {@code federator.security.public-reads} (default), else any valid token. */
        CATALOGUE_READ,
        /** Any valid token, whatever its roles. */
        AUTHENTICATED,
        /** A valid token with one of {@link Rule#roles}. */
        ROLES
    }

    /**
     * @param method  the HTTP method, {@code null} for any (so that a wrong method still gets its 405)
     * @param pattern the path pattern
     * @param access  what the caller needs
     * @param roles   for {@link Access#ROLES}: any one of them suffices
     * @param note    why, for readers of the table
     */
    private static final Map<String, PathPattern> PARSED = new ConcurrentHashMap<>();

    public record Rule(HttpMethod method, String pattern, Access access, Set<Role> roles, String note) {
        public Rule {
            roles = Set.copyOf(roles);
        }

        PathPattern parsed() {
            // every request is checked against the table: parse each pattern once
            return PARSED.computeIfAbsent(pattern, PathPatternParser.defaultInstance::parse);
        }

        /** Does this rule cover the method and the (concrete or templated) path? */
        public boolean matches(HttpMethod requestMethod, String path) {
            return matches(requestMethod, PathContainer.parsePath(path));
        }

        boolean matches(HttpMethod requestMethod, PathContainer path) {
            return (method == null || method.equals(requestMethod)) && parsed().matches(path);
        }
    }

    public static final List<Rule> RULES = List.of(
            // --- public: verification and the Gaia-X clearing-house (GXDCH) services, which are public by design
            pub("/verification", "XFSC: permitAll; verifies without storing anything"),
            pub("/api/credential-offers/**", "GXDCH compliance: anyone may ask for a compliance credential"),
            pub("/v1/registrationNumberVC", "GXDCH notary v1"),
            pub("/v2/registration-numbers/**", "GXDCH notary v2"),
            pub("/.well-known/did.json", "registry: the service's DID document"),
            pub("/did.json", "registry: the service's DID document"),
            pub("/.well-known/x509CertificateChain.pem", "registry: the service's certificate chain"),
            pub("/x509CertificateChain.pem", "registry: the service's certificate chain"),
            pub("/api/trustAnchor/**", "GXDCH registry: checks whether a chain ends in a trust anchor (a question, not a write)"),
            pub("/api/trusted-issuers/**", "GXDCH registry: trusted issuers"),
            pub("/api/termsAndConditions", "GXDCH registry: terms and conditions"),
            pub("/shapes/**", "GXDCH registry: SHACL shapes"),
            pub("/context/**", "GXDCH registry: JSON-LD contexts"),
            // --- public: operations and documentation
            pub("/actuator/health/**", "probes for orchestrators (no details are shown)"),
            pub("/actuator/info", "version and instance information"),
            pub("/actuator/prometheus", "metrics scrape; restrict at the network if metrics are sensitive"),
            pub("/v3/api-docs/**", "OpenAPI"),
            pub("/swagger-ui.html", "Swagger UI"),
            pub("/swagger-ui/**", "Swagger UI"),
            pub("/problems/**", "problem type descriptions (RFC 9457 type URIs)"),
            // --- the portal's static parts
            pub("/webjars/**", "portal: htmx and Pico CSS"),
            pub("/portal/**", "portal: its style sheet"),
            pub("/login", "portal: the sign-in page and form"),
            pub("/oauth2/**", "portal: starts the sign-in at the identity provider (OIDC mode)"),
            pub("/login/oauth2/**", "portal: the identity provider's answer to the sign-in (OIDC mode)"),
            // --- the Dataspace Protocol: its own identity layer (docs/dataspace.md)
            rule(HttpMethod.GET, "/.well-known/dspace-version", Access.PUBLIC, "DSP version discovery: unauthenticated by the protocol"),
            pub("/dsp/**", "Dataspace Protocol: public at the HTTP layer (this server's tokens are ignored); every endpoint checks the requester's DSP token itself (a self-issued JWT bound to its DID) and answers 401 without a valid one"),
            rule(HttpMethod.POST, "/dataspace/inbox", Access.PUBLIC, "notification inbox (W3C LDN): counter-parties post signed notifications; "
                    + "the endpoint checks the agreement's log token itself (401 without a valid one)"),
            rule(HttpMethod.GET, "/dataplane/pull/**", Access.PUBLIC, "data plane pull: public at the HTTP layer (this server's tokens are ignored); checks the transfer's own short-lived bearer token (issued in the TransferStartMessage, stored as a hash) and answers 401/403 without a valid one"),
            rule(HttpMethod.POST, "/dataplane/sink/*", Access.PUBLIC, "data plane push sink: public at the HTTP layer (this server's tokens are ignored); checks the consumer transfer's own bearer token (sent in its TransferRequestMessage, stored as a hash) and answers 401/403 without a valid one"),
            rule(HttpMethod.GET, "/dids/**", Access.PUBLIC, "hosted did:web documents and certificate chains of participants onboarded through the portal"),
            // --- catalogue reads: public or authenticated (federator.security.public-reads)
            rule(HttpMethod.GET, "/schemas/**", Access.CATALOGUE_READ, "XFSC: authenticated; Federator: configurable, public by default"),
            rule(HttpMethod.GET, "/self-descriptions/**", Access.CATALOGUE_READ, "XFSC: authenticated; Federator: configurable, public by default"),
            rule(HttpMethod.GET, "/", Access.CATALOGUE_READ, "portal: the start page (the catalogue search)"),
            rule(HttpMethod.GET, "/catalogue/**", Access.CATALOGUE_READ, "portal: catalogue search and self-description pages"),
            rule(HttpMethod.POST, "/query", Access.CATALOGUE_READ, "XFSC: permitAll; read-only SPARQL"),
            rule(HttpMethod.POST, "/query/search", Access.CATALOGUE_READ, "XFSC: permitAll; distributed query"),
            // --- any valid token
            rule(HttpMethod.GET, "/roles", Access.AUTHENTICATED, "XFSC: authenticated; lists the role names"),
            rule(HttpMethod.POST, "/logout", Access.AUTHENTICATED, "portal: signs out"),
            rule(null, "/onboarding/**", Access.AUTHENTICATED, "portal: the onboarding wizard (anyone signed in; the participant is theirs)"),
            rule(null, "/organisation/**", Access.AUTHENTICATED, "portal: my organisation (then the participant check)"),
            rule(null, "/publish/**", Access.AUTHENTICATED, "portal: publishing an offering (then the participant check)"),
            rule(HttpMethod.POST, "/dataspace/log/verify", Access.AUTHENTICATED, "checks an exported exchange log; reads and stores nothing of "
                    + "this connector, but resolves the signers' DIDs"),
            // --- writes need a role
            roles(HttpMethod.POST, "/self-descriptions/*/revoke", "XFSC; then the participant check (issuer = participant_id unless Ro-MU-CA)",
                    CATALOGUE_ADMIN, SD_ADMIN, PARTICIPANT_ADMIN),
            roles(HttpMethod.POST, "/self-descriptions", "XFSC; then the participant check", CATALOGUE_ADMIN, SD_ADMIN, PARTICIPANT_ADMIN),
            roles(HttpMethod.DELETE, "/self-descriptions/**", "XFSC; then the participant check", CATALOGUE_ADMIN, SD_ADMIN, PARTICIPANT_ADMIN),
            roles(HttpMethod.POST, "/schemas/**", "XFSC", CATALOGUE_ADMIN),
            roles(HttpMethod.PUT, "/schemas/**", "XFSC left PUT /schemas/{id} open to any token (its matcher missed it); Federator does not", CATALOGUE_ADMIN),
            roles(HttpMethod.DELETE, "/schemas/**", "XFSC", CATALOGUE_ADMIN),
            roles(HttpMethod.GET, "/participants/*/users", "XFSC", CATALOGUE_ADMIN, PARTICIPANT_ADMIN, PARTICIPANT_USER_ADMIN),
            roles(HttpMethod.GET, "/participants/*", "XFSC; then the participant check", CATALOGUE_ADMIN, PARTICIPANT_ADMIN, PARTICIPANT_USER_ADMIN, SD_ADMIN),
            roles(HttpMethod.PUT, "/participants/*", "XFSC; then the participant check", CATALOGUE_ADMIN, PARTICIPANT_ADMIN),
            roles(HttpMethod.DELETE, "/participants/*", "XFSC; then the participant check", CATALOGUE_ADMIN, PARTICIPANT_ADMIN),
            roles(HttpMethod.GET, "/participants", "XFSC", CATALOGUE_ADMIN),
            roles(HttpMethod.POST, "/participants", "XFSC", CATALOGUE_ADMIN),
            roles(HttpMethod.GET, "/query/info", "the graph store, limits, checkpoint and prefixes (in remote mode the store's URL)", CATALOGUE_ADMIN),
            roles(null, "/manage/**", "portal: administration pages", CATALOGUE_ADMIN),
            roles(null, "/admin/**", "graph rebuild and other administration (XFSC classic left its rebuild open to any token)", CATALOGUE_ADMIN),
            roles(HttpMethod.GET, "/federation/**", "the change feed other catalogues follow (local mode: a peer token)", FEDERATION_PEER, CATALOGUE_ADMIN),
            roles(null, "/dataspace/**", "the connector's management API: catalog requests, negotiations and transfers as consumer, lists of both roles; "
                    + "the exchange log, agreements and their credentials, the notification inbox's container", CATALOGUE_ADMIN));

    /** The first rule covering the request, if any (none: denied). */
    public static Optional<Rule> find(HttpMethod method, String path) {
        PathContainer parsed = PathContainer.parsePath(path);
        return RULES.stream().filter(r -> r.matches(method, parsed)).findFirst();
    }

    private static Rule pub(String pattern, String note) {
        return new Rule(null, pattern, Access.PUBLIC, Set.of(), note);
    }

    private static Rule rule(HttpMethod method, String pattern, Access access, String note) {
        return new Rule(method, pattern, access, Set.of(), note);
    }

    private static Rule roles(HttpMethod method, String pattern, String note, Role... roles) {
        return new Rule(method, pattern, Access.ROLES, Set.copyOf(Arrays.asList(roles)), note);
    }
}
