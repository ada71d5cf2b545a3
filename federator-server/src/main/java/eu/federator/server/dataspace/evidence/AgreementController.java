package eu.federator.server.dataspace.evidence;

import eu.federator.credentials.json.Json;
import eu.federator.dataspace.Role;
import eu.federator.dataspace.evidence.AgreementRecord;
import eu.federator.dataspace.evidence.AgreementIssuer;
import eu.federator.dataspace.evidence.AgreementStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.json.JsonArrayBuilder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.List;
import java.util.Locale;

/** The agreements this connector finalized, each with the credential it issued for it (management API). */
@RestController
@Tag(name = "Agreements", description = "Finalized contract agreements and their credentials (GXFS Data Contract Service)")
public class AgreementController {
    static final int MAX_PAGE = 1000;

    private final AgreementStore agreements;
    private final AgreementIssuer issuer;

    public AgreementController(AgreementStore agreements, AgreementIssuer issuer) {
        this.agreements = agreements;
        this.issuer = issuer;
    }

    @Operation(summary = "List agreements, most recently finalized first; paged with offset/limit and Link rel=\"next\"",
            description = "Needs Ro-MU-CA.")
    @GetMapping(path = "/dataspace/agreements", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> list(@RequestParam(name = "offset", required = false) String offsetParameter,
                                       @RequestParam(name = "limit", required = false) String limitParameter) {
        int offset = number("offset", offsetParameter, 0, 0, Integer.MAX_VALUE);
        int limit = number("limit", limitParameter, 100, 1, MAX_PAGE);
        List<AgreementRecord> page = agreements.list(offset, limit);
        JsonArrayBuilder array = Json.provider().createArrayBuilder();
        page.forEach(r -> array.add(EvidenceJson.agreement(r, false)));
        HttpHeaders headers = new HttpHeaders();
        if (page.size() == limit) {
            headers.add(HttpHeaders.LINK, "<" + ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("offset", offset + limit)
                    .build().toUriString() + ">; rel=\"next\"");
        }
        return EvidenceJson.ok(Json.provider().createObjectBuilder().add("agreements", array).build(), headers);
    }

    @Operation(summary = "One agreement with its ODRL policy and this side's credential; Link rel=ldp:inbox names the notification inbox",
            description = "Needs Ro-MU-CA. The id is the agreement's @id, URL-encoded into one path segment. 'role' (PROVIDER or "
                    + "CONSUMER) picks the side when this connector negotiated with itself.")
    @GetMapping(path = "/dataspace/agreements/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> one(@PathVariable String id, @RequestParam(name = "role", required = false) String role) {
        AgreementRecord r = find(id, role);
        HttpHeaders headers = new HttpHeaders();
        String inbox = InboxController.inboxUrl();
        headers.add(HttpHeaders.LINK, EvidenceJson.inboxLink(inbox));
        return EvidenceJson.ok(Json.provider().createObjectBuilder(EvidenceJson.agreement(r, true)).add("inbox", inbox).build(), headers);
    }

    @Operation(summary = "This side's credential of the agreement, a vc+jwt signed by this connector", description = "Needs Ro-MU-CA.")
    @GetMapping(path = "/dataspace/agreements/{id}/credential", produces = "application/vc+jwt")
    public ResponseEntity<String> credential(@PathVariable String id, @RequestParam(name = "role", required = false) String role) {
        AgreementRecord r = find(id, role);
        return ResponseEntity.ok().contentType(EvidenceJson.VC_JWT).header(HttpHeaders.LINK, EvidenceJson.inboxLink(InboxController.inboxUrl()))
                .body(r.credential());
    }

    private AgreementRecord find(String id, String role) {
        if (role == null || role.isBlank()) {
            return issuer.records(id).stream().findFirst()
                    .orElseThrow(() -> EvidenceJson.problem(HttpStatus.NOT_FOUND, "no finalized agreement " + id));
        }
        Role side;
        try {
            side = Role.valueOf(role.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw EvidenceJson.problem(HttpStatus.BAD_REQUEST, "role must be PROVIDER or CONSUMER, not \"" + role + "\"");
        }
        return issuer.records(id).stream().filter(r -> r.role() == side).findFirst()
                .orElseThrow(() -> EvidenceJson.problem(HttpStatus.NOT_FOUND, "no finalized agreement " + id + " on the " + side + " side"));
    }

    static int number(String name, String value, int absent, int min, int max) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n < min || n > max) {
                throw EvidenceJson.problem(HttpStatus.BAD_REQUEST, name + " must be between " + min + " and " + max + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw EvidenceJson.problem(HttpStatus.BAD_REQUEST, name + " must be a whole number, not \"" + value + "\"");
        }
    }
}
