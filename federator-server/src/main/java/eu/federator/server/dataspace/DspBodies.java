package eu.federator.server.dataspace;

import eu.federator.dataspace.Reply;
import eu.federator.dataspace.Result;
import eu.federator.dataspace.protocol.DspJson;
import eu.federator.dataspace.protocol.DspMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Reading DSP request bodies and answering with the protocol's messages, for the negotiation and transfer endpoints. */
final class DspBodies {
    private DspBodies() {
    }

    /** The body as a message of {@code type}; a 400 naming every problem otherwise. */
    static <T extends DspMessage> T read(byte[] body, Class<T> type, String providerPid, String consumerPid) {
        Result<T> read = DspJson.read(body == null ? new byte[0] : body, type);
        if (!read.succeeded()) {
            throw new DspException(HttpStatus.BAD_REQUEST, read.problems().stream().map(Object::toString).toList(), providerPid, consumerPid);
        }
        return read.value();
    }

    /** The reply's value; its refusal (400 / 404) as a {@link DspException} otherwise. */
    static <T> T value(Reply<T> reply, String providerPid, String consumerPid) {
        return switch (reply) {
            case Reply.Ok<T> ok -> ok.value();
            case Reply.Refused<T> refused -> throw new DspException(HttpStatus.valueOf(refused.status()), java.util.List.of(refused.reason()),
                    providerPid, consumerPid);
        };
    }

    static ResponseEntity<byte[]> json(HttpStatus status, DspMessage message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(DspJson.bytes(message));
    }
}
