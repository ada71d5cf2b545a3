package eu.federator.server.dataspace.dataplane;

import eu.federator.dataspace.Result;
import eu.federator.dataspace.protocol.DspMessage.DataAddress;
import eu.federator.dataspace.protocol.DspMessage.EndpointProperty;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a push goes: the consumer's data address from its TransferRequestMessage. The URL is {@code endpoint} (or
 * EDC's {@code baseUrl} property); the {@code authorization} property is sent as the {@code Authorization} header as it
 * is (EDC's convention: the bare token), EDC's {@code authKey} / {@code authCode} as that header. Property names may
 * carry EDC's namespace ({@code https://w3id.org/edc/v0.0.1/ns/}).
 */
record Destination(URI endpoint, Map<String, String> headers) {
    private static final String EDC = "https://w3id.org/edc/v0.0.1/ns/";

    Destination {
        headers = Map.copyOf(headers);
    }

    @Override
    public String toString() {
        return "Destination[" + endpoint + ", headers " + headers.keySet() + "]";
    }

    static Result<Destination> of(DataAddress address) {
        if (address == null) {
            return Result.failure("/dataAddress", "a push needs the consumer's data address (where to push), and the transfer request has none");
        }
        String endpoint = address.endpoint() != null ? address.endpoint() : property(address, "baseUrl").orElse(null);
        if (endpoint == null || endpoint.isBlank()) {
            return Result.failure("/dataAddress/endpoint", "missing: the data address must say where to push");
        }
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            return Result.failure("/dataAddress/endpoint", "not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return Result.failure("/dataAddress/endpoint", "must be an absolute http(s) URL: " + endpoint);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        Optional<String> authorization = property(address, "authorization");
        Optional<String> authKey = property(address, "authKey");
        Optional<String> authCode = property(address, "authCode");
        if (authorization.isPresent()) {
            headers.put("Authorization", authorization.get());
        } else if (authKey.isPresent() && authCode.isPresent()) {
            if (!authKey.get().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+") || authKey.get().equalsIgnoreCase("host")
                    || authKey.get().equalsIgnoreCase("content-length") || authKey.get().equalsIgnoreCase("content-type")) {
                return Result.failure("/dataAddress/endpointProperties", "authKey is not a header this data plane can send: " + authKey.get());
            }
            headers.put(authKey.get(), authCode.get());
        }
        for (String value : headers.values()) {
            if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                return Result.failure("/dataAddress/endpointProperties", "the authorization contains a line break or NUL");
            }
        }
        return Result.success(new Destination(uri, headers));
    }

    static Optional<String> property(DataAddress address, String name) {
        for (EndpointProperty p : address.endpointProperties()) {
            String n = p.name() == null ? "" : p.name();
            if ((n.equals(name) || n.equals(EDC + name) || n.equals("edc:" + name)) && p.value() != null) {
                return Optional.of(p.value());
            }
        }
        return Optional.empty();
    }
}
