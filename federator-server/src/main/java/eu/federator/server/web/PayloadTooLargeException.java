package eu.federator.server.web;

import java.io.IOException;

/** The request body exceeded the configured limit while it was being read. */
public class PayloadTooLargeException extends IOException {
    private final long limit;

    public PayloadTooLargeException(long limit) {
        super("the request body is larger than the limit of " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
