package eu.federator.server.web;

import java.net.URI;

/**
 * The problem types of the Federator API (RFC 9457). Their type URIs are relative references resolved against the
 * server, and {@code GET /problems/{slug}} describes each. Plain HTTP errors (404, 405, 500) use {@code about:blank}.
 */
public enum ProblemType {
    VERIFICATION_FAILED("verification-failed", "Verification failed",
            "The input was read, but at least one verification check failed. 'errors' lists each failed check "
                    + "(credential, check, message); 'credentials' holds the full report."),
    MALFORMED_INPUT("malformed-input", "Malformed input",
            "The body is not well-formed JSON / JSON-LD or not a well-formed compact JWS, or a parameter has a wrong type."),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type",
            "The Content-Type of the request is not one the endpoint accepts; 'accepted' lists the accepted ones."),
    PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large",
            "The request body is larger than the configured limit (federator.http.max-body-size); 'limit' gives it in bytes."),
    NOT_IMPLEMENTED("not-implemented", "Not implemented",
            "This build of Federator does not implement the requested function yet."),
    UNAUTHORIZED("unauthorized", "Unauthorized",
            "The operation needs a bearer token and none was sent, or the token was refused (wrong issuer or audience, "
                    + "expired, bad signature, not the admin token); 'detail' says which. WWW-Authenticate has the challenge."),
    FORBIDDEN("forbidden", "Forbidden",
            "The bearer token is valid but does not carry a role the operation needs; 'requiredRoles' lists the roles "
                    + "of which any one suffices.");

    private final String slug;
    private final String title;
    private final String description;

    ProblemType(String slug, String title, String description) {
        this.slug = slug;
        this.title = title;
        this.description = description;
    }

    public URI uri() {
        return URI.create("/problems/" + slug);
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }
}
