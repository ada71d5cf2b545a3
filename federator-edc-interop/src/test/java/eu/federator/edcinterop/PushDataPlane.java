package eu.federator.edcinterop;

import eu.federator.dataspace.Result;
import eu.federator.dataspace.dataplane.DataFlow;
import eu.federator.dataspace.dataplane.DataFlowListener;
import eu.federator.dataspace.dataplane.DataPlane;
import eu.federator.dataspace.protocol.DspMessage.DataAddress;
import eu.federator.dataspace.protocol.DspMessage.EndpointProperty;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Test only, until Federator has a data plane: serves {@code HttpData-PUSH} by POSTing a small text naming the dataset
 * and the consumer to the destination, then reports the outcome. The destination URL is DSP's {@code endpoint}, or the
 * {@code baseUrl} endpoint property EDC sends instead (EDC 0.15.1 writes its data address properties, e.g.
 * {@code https://w3id.org/edc/v0.0.1/ns/baseUrl}, and no {@code endpoint}).
 */
final class PushDataPlane implements DataPlane {
    static final String EDC_BASE_URL = EdcManagement.EDC_NS + "baseUrl";

    private final Supplier<DataFlowListener> listener;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    PushDataPlane(Supplier<DataFlowListener> listener) {
        this.listener = listener;
    }

    static String content(DataFlow flow) {
        return "data of " + flow.datasetId() + " for " + flow.consumerId();
    }

    @Override
    public Set<String> formats() {
        return Set.of("HttpData-PUSH");
    }

    @Override
    public Result<Optional<DataAddress>> start(DataFlow flow) {
        String url = destination(flow.destination());
        if (url == null) {
            return Result.failure("a push needs a destination with an endpoint (or an EDC baseUrl)");
        }
        Thread.ofVirtual().name("push-" + flow.transferId()).start(() -> {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(content(flow))).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() / 100 == 2) {
                    listener.get().completed(flow.transferId());
                } else {
                    listener.get().failed(flow.transferId(), "the destination answered " + r.statusCode());
                }
            } catch (Exception e) {
                listener.get().failed(flow.transferId(), e.toString());
            }
        });
        return Result.success(Optional.empty());
    }

    private static String destination(DataAddress address) {
        if (address == null) {
            return null;
        }
        if (address.endpoint() != null && !address.endpoint().isBlank()) {
            return address.endpoint();
        }
        return address.endpointProperties().stream().filter(p -> p.name().equals(EDC_BASE_URL) || p.name().equals("baseUrl"))
                .map(EndpointProperty::value).findFirst().orElse(null);
    }

    @Override
    public void suspend(String transferId) {
    }

    @Override
    public void end(String transferId) {
    }
}
