package eu.federator.server.dataspace;

import org.springframework.http.HttpStatus;

import java.util.List;

/** A DSP request that fails; answered as the protocol's error message ({@code CatalogError}) with this status. */
public class DspException extends RuntimeException {
    private final HttpStatus status;
    private final List<String> reasons;

    public DspException(HttpStatus status, List<String> reasons) {
        super(String.join("; ", reasons));
        this.status = status;
        this.reasons = List.copyOf(reasons);
    }

    public DspException(HttpStatus status, String reason) {
        this(status, List.of(reason));
    }

    public HttpStatus status() {
        return status;
    }

    public List<String> reasons() {
        return reasons;
    }
}
