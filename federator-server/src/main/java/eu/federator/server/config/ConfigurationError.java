package eu.federator.server.config;

/** A setting that cannot work (missing file, wrong directory); the server does not start, the message says which. */
public class ConfigurationError extends RuntimeException {
    private final String action;

    public ConfigurationError(String message, String action) {
        super(message);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
