package eu.federator.server.dataspace.dataplane;

import eu.federator.credentials.net.GuardedApiClient.Streamed;
import eu.federator.server.dataspace.dataplane.DataSources.Source;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.coyote.CloseNowException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The data plane's HTTP endpoints. Public at the HTTP layer (the server's own tokens are ignored): each checks the
 * transfer's own bearer token, issued by the data plane and stored only as a hash.
 */
@RestController
@Tag(name = "Data plane", description = "HTTP pull of started transfers (provider) and the push sink (consumer)")
public class DataPlaneController {
    private static final Logger log = LoggerFactory.getLogger(DataPlaneController.class);

    private final HttpDataPlane dataPlane;
    private final Transport transport;
    private final PushSinks sinks;

    DataPlaneController(HttpDataPlane dataPlane, Transport transport, PushSinks sinks) {
        this.dataPlane = dataPlane;
        this.transport = transport;
        this.sinks = sinks;
    }

    @Operation(summary = "Pulls the data of a started HttpData-PULL transfer",
            description = "The endpoint and token come from the provider's TransferStartMessage (data address: endpoint, "
                    + "authorization). Send the token as 'Authorization: <token>' or 'Authorization: Bearer <token>'. Sub-paths "
                    + "and a query string are passed to the source when its configuration allows it (proxyPath, proxyQuery). "
                    + "401: no token, not this transfer's, or expired; 403: the transfer is suspended or has ended; 502: the "
                    + "data source failed. A source that breaks off after the data began to flow ends the connection without "
                    + "completing the response.")
    @GetMapping(HttpDataPlane.PULL_PATH + "{transferId}/**")
    public void pull(@PathVariable String transferId,
                     @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                     HttpServletRequest request, HttpServletResponse response) throws IOException {
        Source source = dataPlane.authorizePull(transferId, authorization);
        String path = subPath(request);
        String query = request.getQueryString();
        if (!path.isEmpty() && !source.proxyPath()) {
            throw new DataPlaneException(HttpStatus.BAD_REQUEST, "this dataset takes no sub-path: pull the transfer's endpoint itself");
        }
        if (query != null && !source.proxyQuery()) {
            throw new DataPlaneException(HttpStatus.BAD_REQUEST, "this dataset takes no query parameters: pull the transfer's endpoint without them");
        }
        Streamed answer;
        try {
            answer = transport.open(source, path, query);
        } catch (Transport.Failure e) {
            log.warn("Data plane: pull of transfer {}: {}", transferId, e.getMessage());
            throw new DataPlaneException(HttpStatus.BAD_GATEWAY, e.shown());
        }
        try (answer) {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(Transport.contentType(source, answer));
            answer.contentLength().ifPresent(response::setContentLengthLong);
            copy(transferId, answer.body(), response);
        }
    }

    /** Copies the source to the consumer; a source that breaks off ends the connection without completing the response. */
    private static void copy(String transferId, InputStream in, HttpServletResponse response) throws IOException {
        OutputStream out = response.getOutputStream();
        byte[] buffer = new byte[16 * 1024];
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (IOException e) {
                String reason = e.getMessage() != null && e.getMessage().startsWith("the response")
                        ? e.getMessage().replaceFirst("the response", "the data") : "the data source broke off";
                log.warn("Data plane: pull of transfer {} broke off: {}", transferId, e.getMessage());
                if (!response.isCommitted()) {
                    response.reset();
                    throw new DataPlaneException(HttpStatus.BAD_GATEWAY, reason);
                }
                // the status and part of the data are out: only closing the connection tells the consumer
                throw new CloseNowException(reason);
            }
            if (n < 0) {
                return;
            }
            out.write(buffer, 0, n);
        }
    }

    /** What follows {@code /dataplane/pull/{transferId}}, still percent-encoded, without the leading slash. */
    static String subPath(HttpServletRequest request) {
        return subPath(request.getRequestURI().substring(request.getContextPath().length()));
    }

    /** @param uri the raw path from {@code /dataplane/pull/} on */
    static String subPath(String uri) {
        String rest = uri.substring(HttpDataPlane.PULL_PATH.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return "";
        }
        String path = rest.substring(slash + 1);
        for (String segment : path.split("/", -1)) {
            String decoded = UriUtils.decode(segment, StandardCharsets.UTF_8);
            if (decoded.equals(".") || decoded.equals("..") || decoded.contains("/") || decoded.contains("\\")) {
                throw new DataPlaneException(HttpStatus.BAD_REQUEST, "the sub-path must not contain '.', '..' or encoded slashes");
            }
        }
        return path;
    }

    @Operation(summary = "Takes the data a provider pushes for a consumer transfer (HttpData-PUSH)",
            description = "The endpoint and token come from the data address this connector sent in its TransferRequestMessage. "
                    + "Send the token as 'Authorization: <token>' or 'Authorization: Bearer <token>'. The body (any content type, "
                    + "at most federator.dataspace.data-plane.sink-max-size) is kept; a repeated push replaces it. 204 when kept; "
                    + "401: no token or not this transfer's; 403: the transfer has ended; 413: too large.")
    @PostMapping(PushSinks.SINK_PATH + "{transferId}")
    public ResponseEntity<Void> sink(@PathVariable String transferId,
                                     @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                     @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
                                     HttpServletRequest request) throws IOException {
        sinks.accept(transferId, authorization, contentType, request.getInputStream());
        return ResponseEntity.noContent().build();
    }
}
