package eu.federator.server.dataspace.evidence;

import eu.federator.credentials.json.Json;
import eu.federator.dataspace.evidence.AgreementRecord;
import eu.federator.dataspace.evidence.AgreementIssuer;
import eu.federator.dataspace.evidence.AgreementStore;
import eu.federator.dataspace.evidence.LogTokens;
import eu.federator.dataspace.policy.Requester;
import eu.federator.server.dataspace.DspAuthentication;
import eu.federator.server.dataspace.DspException;
import eu.federator.server.web.ProblemType;
import eu.federator.server.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The agreement as the counter-party retrieves it: this side's credential and the counter-party's log token, for the
 * agreement's assigner or assignee only, identified by its DSP requester token ({@link DspAuthentication}). Not a DSP
 * message (the protocol has none for it), so refusals are RFC 9457 problem details; an agreement the requester is no
 * party to is a 404, as an unknown one, so that a refusal does not reveal that it exists.
 */
@RestController
@Tag(name = "Dataspace Protocol", description = "DSP 2025-1 catalog protocol (HTTPS binding)")
public class DspAgreementController {
    private final AgreementStore agreements;
    private final AgreementIssuer issuer;
    private final LogTokens tokens;
    private final DspAuthentication authentication;
    private final Clock clock = Clock.systemUTC();

    public DspAgreementController(AgreementStore agreements, AgreementIssuer issuer, LogTokens tokens, DspAuthentication authentication) {
        this.agreements = agreements;
        this.issuer = issuer;
        this.tokens = tokens;
        this.authentication = authentication;
    }

    @Operation(summary = "For the agreement's counter-party (DSP requester token): this side's agreement credential and its log token "
            + "for the notification inbox (Link rel=ldp:inbox)")
    @GetMapping(path = "/dsp/agreements/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> agreement(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                            @PathVariable String id) {
        AgreementRecord r = refreshed(find(authorization, id));
        String inbox = InboxController.inboxUrl();
        var body = Json.provider().createObjectBuilder()
                .add("agreementId", r.agreementId())
                .add("credential", r.credential())
                .add("logToken", r.logToken())
                .add("logTokenExpires", r.logTokenExpires().toString())
                .add("inbox", inbox)
                .build();
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.LINK, EvidenceJson.inboxLink(inbox));
        return EvidenceJson.ok(body, headers);
    }

    @Operation(summary = "For the agreement's counter-party (DSP requester token): this side's agreement credential as vc+jwt")
    @GetMapping(path = "/dsp/agreements/{id}/credential", produces = "application/vc+jwt")
    public ResponseEntity<String> credential(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                             @PathVariable String id) {
        AgreementRecord r = find(authorization, id);
        return ResponseEntity.ok().contentType(EvidenceJson.VC_JWT).header(HttpHeaders.LINK, EvidenceJson.inboxLink(InboxController.inboxUrl()))
                .body(r.credential());
    }

    private AgreementRecord find(String authorization, String id) {
        Requester requester = authentication.requester(authorization);
        String did = requester.participantId();
        List<AgreementRecord> mine = issuer.records(id).stream().filter(r -> r.isParty(did))
                // the side whose counter-party asks (both sides when this connector negotiated with itself)
                .sorted(Comparator.comparing((AgreementRecord r) -> !r.counterPartyId().equals(did))).toList();
        if (mine.isEmpty()) {
            throw new DspException(HttpStatus.NOT_FOUND, "no agreement " + id + " between this connector and " + did);
        }
        return mine.getFirst();
    }

    /** A token with less than half its lifetime left is replaced, so that a counter-party that asks again can keep logging. */
    private AgreementRecord refreshed(AgreementRecord r) {
        Instant halfLife = clock.instant().plus(tokens.lifetime().dividedBy(2));
        if (r.logTokenExpires().isAfter(halfLife)) {
            return r;
        }
        AgreementRecord fresh = r.withLogToken(tokens.issue(r.agreementId(), r.counterPartyId()));
        agreements.replaceLogToken(fresh);
        return fresh;
    }

    /** DSP authentication failures and unknown agreements as problem details. */
    @RestControllerAdvice(assignableTypes = DspAgreementController.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class Errors {
        @ExceptionHandler(DspException.class)
        ResponseEntity<ProblemDetail> dsp(DspException e) {
            String detail = String.join("; ", e.reasons());
            ProblemDetail problem = e.status() == HttpStatus.UNAUTHORIZED ? Problems.of(ProblemType.UNAUTHORIZED, e.status(), detail)
                    : Problems.of(e.status(), detail);
            HttpHeaders headers = new HttpHeaders();
            if (e.status() == HttpStatus.UNAUTHORIZED) {
                headers.add(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            }
            return Problems.response(problem, headers);
        }
    }
}
