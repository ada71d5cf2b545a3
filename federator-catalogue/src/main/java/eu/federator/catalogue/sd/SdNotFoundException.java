package eu.federator.catalogue.sd;

/** No self-description (or participant) with that hash or id. */
public final class SdNotFoundException extends RuntimeException {
    public SdNotFoundException(String message) {
        super(message);
    }
}
