package eu.federator.server.dataspace;

import eu.federator.server.identity.IdentityProperties;
import org.springframework.core.env.Environment;

import java.util.function.Supplier;

/**
 * This connector's DSP base URL, where counter-parties send replies ({@code callbackAddress}) and what the catalog's
 * data service names: {@code federator.dataspace.address}, else {@code federator.identity.public-url} + {@code /dsp}, else
 * {@code http://localhost:<port>/dsp} (labs and tests; the port is known once the server listens).
 */
public final class DspEndpoint implements Supplier<String> {
    private final DataspaceProperties dataspace;
    private final IdentityProperties identity;
    private final Environment environment;

    public DspEndpoint(DataspaceProperties dataspace, IdentityProperties identity, Environment environment) {
        this.dataspace = dataspace;
        this.identity = identity;
        this.environment = environment;
    }

    @Override
    public String get() {
        if (dataspace.address() != null) {
            return strip(dataspace.address().toString());
        }
        if (identity.publicUrl() != null) {
            return strip(identity.publicUrl().toString()) + DspCatalogController.BASE;
        }
        return "http://localhost:" + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"))
                + DspCatalogController.BASE;
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
