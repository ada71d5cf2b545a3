package eu.federator.server.dataspace;

import org.springframework.http.HttpStatus;

import java.util.List;

/**
 * A DSP request that fails; answered as the protocol's error message with this status (see {@link DspErrors}), naming
 * the processes when they are known.
 */
public class DspException extends RuntimeException {
    private final HttpStatus status;
    private final List<String> reasons;
    private final String providerPid;
    private final String consumerPid;

    public DspException(HttpStatus status, List<String> reasons, String providerPid, String consumerPid) {
        super(String.join("; ", reasons));
        this.status = status;
        this.reasons = List.copyOf(reasons);
        this.providerPid = providerPid;
        this.consumerPid = consumerPid;
    }

    public DspException(HttpStatus status, List<String> reasons) {
        this(status, reasons, null, null);
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

    public String providerPid() {
        return providerPid;
    }

    public String consumerPid() {
        return consumerPid;
    }
}
