package eu.federator.server.catalogue.sd;

import eu.federator.catalogue.ingest.IngestException;
import eu.federator.credentials.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * An {@link IngestException} in the XFSC envelope: {@code {"code", "message"}} plus {@code problems} (each failed check
 * or constraint with its focus), so a client can show the user exactly what to fix.
 */
public final class IngestErrors {
    private IngestErrors() {
    }

    public static ResponseEntity<String> response(IngestException e) {
        HttpStatus status = switch (e.reason()) {
            case MALFORMED, WRONG_KIND -> HttpStatus.BAD_REQUEST;
            case VERIFICATION, SEMANTICS, SCHEMA, COMPLIANCE -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
        String code = status == HttpStatus.BAD_REQUEST ? "client_error" : "verification_error";
        JsonArrayBuilder problems = Json.provider().createArrayBuilder();
        for (IngestException.Problem p : e.problems()) {
            JsonObjectBuilder o = Json.provider().createObjectBuilder();
            if (p.focus() != null) {
                o.add("focus", p.focus());
            }
            o.add("check", p.check()).add("message", p.message());
            problems.add(o);
        }
        String body = Json.write(Json.provider().createObjectBuilder().add("code", code).add("message", String.valueOf(e.getMessage()))
                .add("reason", e.reason().name().toLowerCase(java.util.Locale.ROOT)).add("problems", problems).build());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
