package eu.federator.catalogue.sd;

/** The request conflicts with the stored state: the same content is stored already, or a lifecycle step is not allowed. */
public final class SdConflictException extends RuntimeException {
    public SdConflictException(String message) {
        super(message);
    }

    /** The same bytes are stored already (XFSC answers 409). */
    public static SdConflictException alreadyStored(String hash, Lifecycle status) {
        return new SdConflictException("a self-description with hash " + hash + " is stored already (status " + status.value()
                + "); submit changed content to make a new version");
    }
}
