package eu.federator.credentials.net;

import java.net.URI;

/** A fetched resource: the final URI (after redirects), its media type if known, and the bytes. */
public record Fetched(URI uri, String contentType, byte[] body) {
}
