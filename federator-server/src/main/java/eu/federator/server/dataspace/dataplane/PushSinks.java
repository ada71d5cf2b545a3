package eu.federator.server.dataspace.dataplane;

import eu.federator.dataspace.protocol.DspMessage.DataAddress;
import eu.federator.dataspace.protocol.DspMessage.EndpointProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.util.UriUtils;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The consumer's built-in push sink: for a consumer transfer of format {@code HttpData-PUSH}, {@link #create} gives
 * the data address to put in the TransferRequestMessage; the provider then POSTs the data to
 * {@code /dataplane/sink/{transferId}} with the address's token, and {@link #received} shows it. The data is kept in
 * PostgreSQL, up to {@code federator.dataspace.data-plane.sink-max-size}.
 */
public final class PushSinks {
    static final String SINK_PATH = "/dataplane/sink/";

    /** What a provider pushed. */
    public record Received(String contentType, byte[] body, Instant at) {
    }

    private final DataPlaneStore store;
    private final Supplier<URI> publicUrl;
    private final long maxBytes;
    private final Clock clock;

    PushSinks(DataPlaneStore store, Supplier<URI> publicUrl, long maxBytes, Clock clock) {
        this.store = store;
        this.publicUrl = publicUrl;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /**
     * Creates the sink of a consumer transfer (its consumerPid) and returns the address for the transfer request:
     * {@code endpoint} = the sink, {@code authorization} = a new random token (only its hash is kept). Creating it again
     * replaces the token and drops data received before.
     */
    public DataAddress create(String transferId) {
        String token = Tokens.random();
        store.createSink(transferId, Tokens.hash(token), clock.instant());
        String base = publicUrl.get().toString();
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return new DataAddress(HttpDataPlane.ENDPOINT_TYPE, base + SINK_PATH + UriUtils.encodePathSegment(transferId, StandardCharsets.UTF_8),
                List.of(new EndpointProperty("authorization", token), new EndpointProperty("authType", "bearer")));
    }

    /** The data pushed to the transfer's sink, once it arrived. */
    public Optional<Received> received(String transferId) {
        return store.received(transferId).map(r -> new Received(r.contentType(), r.body(), r.at()));
    }

    /** The transfer completed or terminated: further pushes are refused (403); what arrived stays. */
    public void close(String transferId) {
        store.closeSink(transferId);
    }

    /** Forgets the sink and its data. */
    public void delete(String transferId) {
        store.deleteSink(transferId);
    }

    /** Takes a push: checks the token, reads at most the limit, keeps the data. */
    void accept(String transferId, String authorization, String contentType, InputStream body) throws IOException {
        String token = Tokens.fromHeader(authorization);
        if (token == null) {
            throw new DataPlaneException(HttpStatus.UNAUTHORIZED,
                    "no token: send the token of the sink's data address (its 'authorization' property) in the Authorization header");
        }
        DataPlaneStore.SinkToken match = Tokens.match(token, store.sinkTokens(transferId));
        if (match == null) {
            throw new DataPlaneException(HttpStatus.UNAUTHORIZED, "the token is not valid for this transfer");
        }
        if (match.closed()) {
            throw new DataPlaneException(HttpStatus.FORBIDDEN, "the transfer has ended: its sink takes no more data");
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        for (int n; (n = body.read(chunk)) >= 0; ) {
            if (buffer.size() + (long) n > maxBytes) {
                throw new DataPlaneException(HttpStatus.CONTENT_TOO_LARGE, "the data is larger than this sink's limit of " + maxBytes
                        + " bytes (federator.dataspace.data-plane.sink-max-size)");
            }
            buffer.write(chunk, 0, n);
        }
        store.receive(transferId, contentType == null ? Transport.OCTET_STREAM : contentType, buffer.toByteArray(), clock.instant());
    }
}
