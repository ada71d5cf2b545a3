package eu.federator.server.portal.onboarding;

import eu.federator.server.identity.IdentityProperties;
import eu.federator.server.identity.ServiceIdentities;
import org.springframework.core.env.Environment;

import java.net.URI;

/**
 * The DIDs of hosted identities: {@code did:web:<host>[%3A<port>][:<path>]:dids:<name>}, from
 * {@code federator.identity.public-url}. Without it (local runs) the base is {@code http://localhost:<port>}, the port
 * this server listens on, e.g. {@code did:web:localhost%3A8080:dids:acme}. A DID is fixed when its identity is created:
 * changing the public URL later does not move existing identities.
 */
public final class HostedDids {
    static final String SEGMENT = "dids";

    private final IdentityProperties identity;
    private final Environment environment;

    public HostedDids(IdentityProperties identity, Environment environment) {
        this.identity = identity;
        this.environment = environment;
    }

    /** The public base URL: configured, or {@code http://localhost:<listening port>} (known once the web server runs). */
    public URI publicUrl() {
        if (identity.publicUrl() != null) {
            return identity.publicUrl();
        }
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        return URI.create("http://localhost:" + port);
    }

    public String did(String name) {
        return ServiceIdentities.didFor(publicUrl()) + ":" + SEGMENT + ":" + HostedNames.check(name);
    }
}
