package eu.federator.server.portal;

import eu.federator.catalogue.Catalogue;
import eu.federator.catalogue.ingest.IngestPipeline;
import eu.federator.catalogue.sd.SdConflictException;
import eu.federator.catalogue.sd.SelfDescription;
import eu.federator.server.catalogue.sd.IngestWarnings;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The portal's writes to the catalogue, with the same rules as the API: the same ingest pipeline, and the participant
 * check against the participant the portal user acts for ({@link Viewer#participant()}, which may come from an
 * onboarding through the portal rather than from a token claim).
 */
@Component
public class PortalPublishing {
    private final Catalogue catalogue;

    public PortalPublishing(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    /**
     * Verifies and stores a signed credential or presentation for the viewer's participant.
     *
     * @param replaces the hash of the self-description this one replaces, or {@code null}: it must describe the same
     *                 subject (the older version then becomes deprecated)
     * @throws eu.federator.catalogue.ingest.IngestException when the catalogue refuses it (problems to show)
     * @throws ResponseStatusException 403 when it is not the viewer's participant's, 409 when stored already
     */
    public SelfDescription publish(Viewer viewer, byte[] content, String replaces) {
        String hash = IngestPipeline.sha256Hex(content);
        catalogue.store().get(hash).ifPresent(existing -> {
            throw SdConflictException.alreadyStored(hash, existing.status());
        });
        SelfDescription previous = replaces == null ? null : owned(viewer, replaces);
        IngestPipeline.Accepted accepted = catalogue.pipeline().analyse(content, contentType(content), catalogue.settings(),
                catalogue.clock().instant(), null);
        SelfDescription metadata = accepted.sd().metadata();
        if (!mayActFor(viewer, metadata)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "This credential is issued by " + metadata.issuer() + " for "
                    + metadata.provider() + "; you publish for " + (viewer.participant() == null ? "no participant" : viewer.participant()) + ".");
        }
        if (previous != null && !previous.subject().equals(metadata.subject())) {
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT, "The new credential describes " + metadata.subject()
                    + ", but the one it should replace describes " + previous.subject() + ": a new version keeps the subject's id.");
        }
        SelfDescription stored = catalogue.store(accepted).sd();
        IngestWarnings.log(stored.hash(), accepted.warnings());
        return stored;
    }

    /** Revokes one of the viewer's participant's self-descriptions. */
    public SelfDescription revoke(Viewer viewer, String hash) {
        return catalogue.revoke(owned(viewer, hash).hash());
    }

    /** The self-description, if it is the viewer's participant's (or the viewer administers the catalogue). */
    public SelfDescription owned(Viewer viewer, String hash) {
        SelfDescription sd = find(hash).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No self-description " + hash + "."));
        if (!mayActFor(viewer, sd)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "This self-description belongs to " + sd.provider() + ".");
        }
        return sd;
    }

    public Optional<SelfDescription> find(String hash) {
        return hash != null && hash.matches("[0-9a-f]{64}") ? catalogue.store().get(hash) : Optional.empty();
    }

    private static boolean mayActFor(Viewer viewer, SelfDescription sd) {
        if (viewer.admin()) {
            return true;
        }
        String participant = viewer.participant();
        return participant != null && (participant.equals(sd.provider()) || participant.equals(sd.issuer()));
    }

    /**
     * The media type of an uploaded credential: a compact JWS is a vp+jwt or vc+jwt (the pipeline reads the header's
     * typ); anything else is JSON-LD.
     */
    static String contentType(byte[] content) {
        String text = new String(content, 0, Math.min(content.length, 64), StandardCharsets.US_ASCII).strip();
        if (text.startsWith("ey")) {
            return "application/jwt";
        }
        return "application/ld+json";
    }
}
