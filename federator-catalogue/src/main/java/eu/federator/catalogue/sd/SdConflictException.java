package eu.federator.catalogue.sd;

/** The request conflicts with the stored state: the same content is stored already, or a lifecycle step is not allowed. */
public final class SdConflictException extends RuntimeException {
    public SdConflictException(String message) {
        super(message);
    }
}
