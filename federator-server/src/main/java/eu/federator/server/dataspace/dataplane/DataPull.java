package eu.federator.server.dataspace.dataplane;

import eu.federator.credentials.net.FetchException;
import eu.federator.credentials.net.GuardedApiClient;
import eu.federator.dataspace.Result;
import eu.federator.dataspace.protocol.DspMessage.DataAddress;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;

/**
 * The consumer's side of a pull: fetches the data of a started transfer from the address in the provider's
 * TransferStartMessage ({@code endpoint}, with the {@code authorization} property sent as the {@code Authorization}
 * header as it is, which EDC's and Federator's data planes both accept). The provider's endpoint is reached through the
 * guarded client ({@code federator.net.*}), with the data plane's size and time limits.
 */
public final class DataPull {

    /** The pulled data. */
    public record Data(String contentType, byte[] body) {
    }

    private final GuardedApiClient client;
    private final Duration timeout;

    DataPull(GuardedApiClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    /** Pulls the data; a failure says why (refused address, no answer, an error status with the provider's answer, too large). */
    public Result<Data> fetch(DataAddress address) {
        if (address == null || address.endpoint() == null || address.endpoint().isBlank()) {
            return Result.failure("/dataAddress/endpoint", "missing: the provider's data address has no endpoint");
        }
        URI uri;
        try {
            uri = new URI(address.endpoint());
        } catch (URISyntaxException e) {
            return Result.failure("/dataAddress/endpoint", "not a URL: " + e.getReason());
        }
        Map<String, String> headers = Destination.property(address, "authorization")
                .map(token -> Map.of("Authorization", token)).orElse(Map.of());
        GuardedApiClient.Response response;
        try {
            response = client.send("GET", uri, headers, null, timeout);
        } catch (FetchException e) {
            return Result.failure("pulling from " + uri + " failed: " + e.getMessage());
        }
        if (response.status() < 200 || response.status() >= 300) {
            String text = response.text();
            String shown = text.length() > 500 ? text.substring(0, 500) + "..." : text;
            return Result.failure(uri + " answered HTTP " + response.status() + (shown.isBlank() ? "" : ": " + shown.strip()));
        }
        String contentType = response.header("content-type").filter(s -> !s.isBlank()).orElse(Transport.OCTET_STREAM);
        return Result.success(new Data(contentType, response.body()));
    }
}
