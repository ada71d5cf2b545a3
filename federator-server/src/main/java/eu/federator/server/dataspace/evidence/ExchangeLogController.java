package eu.federator.server.dataspace.evidence;

import com.nimbusds.jose.jwk.JWK;
import eu.federator.credentials.did.DidDocument;
import eu.federator.credentials.did.DidResolutionException;
import eu.federator.credentials.did.DidResolver;
import eu.federator.credentials.did.VerificationMethod;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.verify.CredentialVerifier;
import eu.federator.dataspace.log.ExchangeLog;
import eu.federator.dataspace.log.ExchangeLogVerifier;
import eu.federator.dataspace.log.LogEntry;
import eu.federator.trustframework.identity.ServiceIdentity;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

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
        if (!(export.get("from") instanceof JsonNumber && export.get("to") instanceof JsonNumber && export.get("previousHash") instanceof JsonString
                && export.get("entries") instanceof JsonArray && export.get("checkpoints") instanceof JsonArray)) {
            throw EvidenceJson.problem(HttpStatus.BAD_REQUEST, "the body is not an export of GET /dataspace/log: it needs from and to "
                    + "(numbers), previousHash (a string), entries and checkpoints (arrays)");
        }
        Map<String, String> keyProblems = new LinkedHashMap<>();
        ExchangeLogVerifier.Verification verification = ExchangeLogVerifier.verify(export, method -> key(method, keyProblems));
        return EvidenceJson.ok(report(export, verification, keyProblems), new HttpHeaders());
    }

    /** This connector's key, or the key of another signer's verification method (assertionMethod) from its DID document. */
    private Optional<JWK> key(String method, Map<String, String> problems) {
        if (method.equals(identity.verificationMethod())) {
            return Optional.of(identity.privateKey().toPublicJWK());
        }
        int hash = method.indexOf('#');
        if (!method.startsWith("did:") || hash < 0) {
            problems.put(method, "not a DID URL with a fragment");
            return Optional.empty();
        }
        try {
            DidDocument document = dids.resolve(method.substring(0, hash));
            Optional<VerificationMethod> vm = document.method(method);
            if (vm.isEmpty() || vm.get().publicKey() == null) {
                problems.put(method, "the DID document has no such verification method with a public key");
                return Optional.empty();
            }
            if (!document.authorizes(method, "assertionMethod")) {
                problems.put(method, "the DID document does not list it under assertionMethod");
                return Optional.empty();
            }
            return Optional.of(vm.get().publicKey());
        } catch (DidResolutionException e) {
            problems.put(method, "cannot resolve the DID: " + e.getMessage());
            return Optional.empty();
        }
    }

    static JsonObject report(JsonObject export, ExchangeLogVerifier.Verification v, Map<String, String> keyProblems) {
        var b = Json.provider().createObjectBuilder().add("ok", v.ok()).add("entries", v.entries()).add("checkpoints", v.checkpoints());
        TreeSet<String> signers = new TreeSet<>();
        long checkpointed = 0;
        if (export.get("checkpoints") instanceof JsonArray checkpoints) {
            for (var c : checkpoints) {
                if (c instanceof JsonObject o && o.get("verificationMethod") instanceof JsonString s
                        && o.get("sequence") instanceof JsonNumber n) {
                    signers.add(s.getString());
                    checkpointed = Math.max(checkpointed, n.longValue());
                }
            }
        }
        b.add("signers", Json.provider().createArrayBuilder(List.copyOf(signers)));
        if (v.ok()) {
            b.add("checkpointedThrough", checkpointed);
            long to = export.getJsonNumber("to").longValue();
            if (checkpointed < to) {
                b.add("warning", checkpointed == 0
                        ? "no signed checkpoint covers this export: it is consistent, but nothing proves who wrote it"
                        : "entries after " + checkpointed + " are not covered by a signed checkpoint");
            }
            b.addNull("firstBreak");
        } else {
            ExchangeLogVerifier.Break first = v.firstBreak();
            b.add("firstBreak", Json.provider().createObjectBuilder().add("sequence", first.sequence()).add("problem", first.problem().name())
                    .add("detail", first.detail()));
        }
        if (!keyProblems.isEmpty()) {
            var keys = Json.provider().createObjectBuilder();
            keyProblems.forEach(keys::add);
            b.add("keyProblems", keys);
        }
        return b.build();
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
