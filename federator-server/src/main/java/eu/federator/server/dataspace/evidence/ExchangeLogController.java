package eu.federator.server.dataspace.evidence;

import eu.federator.credentials.did.DidResolver;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.verify.CredentialVerifier;
import eu.federator.dataspace.log.ExchangeLog;
import eu.federator.dataspace.log.LogEntry;
import eu.federator.trustframework.identity.ServiceIdentity;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.List;
import java.util.Map;

/** The exchange log of the management API: export a range, list entries, verify an export (this or another connector's). */
@RestController
@Tag(name = "Exchange log", description = "The hash-chained, signed log of negotiation and transfer events (GXFS Data Exchange Logging)")
public class ExchangeLogController {
    static final int MAX_PAGE = 1000;

    private final ExchangeLog log;
    private final ServiceIdentity identity;
    private final DidResolver dids;
    private final ExchangeLogProperties properties;

    public ExchangeLogController(ExchangeLog log, ServiceIdentity identity, CredentialVerifier verifier, ExchangeLogProperties properties) {
        this.log = log;
        this.identity = identity;
        this.dids = verifier.dids();
        this.properties = properties;
    }

    @Operation(summary = "Export entries from..to (inclusive) with their checkpoints, the document POST /dataspace/log/verify checks",
            description = "Needs Ro-MU-CA. 'to' is clipped to the head; at most federator.dataspace.log.export-limit entries per export, "
                    + "the rest through Link rel=\"next\".")
    @GetMapping(path = "/dataspace/log", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> export(@RequestParam(name = "from", required = false) String fromParameter,
                                         @RequestParam(name = "to", required = false) String toParameter) {
        long from = sequence("from", fromParameter, 1);
        long to = sequence("to", toParameter, Long.MAX_VALUE);
        if (to < from) {
            throw EvidenceJson.problem(HttpStatus.BAD_REQUEST, "to (" + to + ") must not be less than from (" + from + ")");
        }
        long cut = Math.min(to, from + properties.exportLimit() - 1);
        JsonObject export = log.export(from, cut);
        HttpHeaders headers = new HttpHeaders();
        long exported = export.getJsonNumber("to").longValue();
        if (cut < to && exported == cut) {
            String next = ServletUriComponentsBuilder.fromCurrentRequestUri().replaceQuery(null).toUriString() + "?from=" + (cut + 1)
                    + (toParameter == null ? "" : "&to=" + to);
            headers.add(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return EvidenceJson.ok(export, headers);
    }

    @Operation(summary = "List entries in sequence order, optionally of one process or agreement; paged with Link rel=\"next\"",
            description = "Needs Ro-MU-CA.")
    @GetMapping(path = "/dataspace/log/entries", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> entries(@RequestParam(name = "processId", required = false) String processId,
                                          @RequestParam(name = "agreementId", required = false) String agreementId,
                                          @RequestParam(name = "from", required = false) String fromParameter,
                                          @RequestParam(name = "limit", required = false) String limitParameter) {
        long from = sequence("from", fromParameter, 1);
        long limit = sequence("limit", limitParameter, 100);
        if (limit > MAX_PAGE) {
            throw EvidenceJson.problem(HttpStatus.BAD_REQUEST, "limit must be at most " + MAX_PAGE + ", not " + limit);
        }
        List<LogEntry> entries = log.entries(blankToNull(processId), blankToNull(agreementId), from, (int) limit);
        ExchangeLog.Status status = log.status();
        JsonArrayBuilder array = Json.provider().createArrayBuilder();
        entries.forEach(e -> array.add(EvidenceJson.entry(e)));
        var body = Json.provider().createObjectBuilder().add("head", status.head()).add("headHash", status.headHash());
        if (status.lastCheckpoint() != null) {
            body.add("lastCheckpoint", status.lastCheckpoint().sequence());
        }
        HttpHeaders headers = new HttpHeaders();
        if (entries.size() == limit) {
            String next = ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("from", entries.getLast().sequence() + 1)
                    .build().toUriString();
            headers.add(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return EvidenceJson.ok(body.add("entries", array).build(), headers);
    }

    @Operation(summary = "Verify an exported log: every hash, the chain, and the checkpoint signatures; names the first break",
            description = "Any valid token. Checkpoints signed by this connector are checked with its key, others with the key of "
                    + "their verification method, resolved by the trust core (assertionMethod). Stores nothing.")
    @PostMapping(path = "/dataspace/log/verify", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> verify(@RequestBody(required = false) byte[] body) {
        JsonObject export = EvidenceJson.parseObject(body, "the body (an export of GET /dataspace/log)");
        LogVerification.notAnExport(export).ifPresent(why -> {
            throw EvidenceJson.problem(HttpStatus.BAD_REQUEST, "the body is not an export of GET /dataspace/log: " + why);
        });
        JsonObject report = LogVerification.verify(export, dids, Map.of(identity.verificationMethod(), identity.privateKey().toPublicJWK()));
        return EvidenceJson.ok(report, new HttpHeaders());
    }

    private static long sequence(String name, String value, long absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            long n = Long.parseLong(value.strip());
            if (n < 1) {
                throw EvidenceJson.problem(HttpStatus.BAD_REQUEST, name + " must be at least 1, not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw EvidenceJson.problem(HttpStatus.BAD_REQUEST, name + " must be a positive whole number, not \"" + value + "\"");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
