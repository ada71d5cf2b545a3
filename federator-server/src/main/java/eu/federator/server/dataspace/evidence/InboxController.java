package eu.federator.server.dataspace.evidence;

import eu.federator.credentials.json.Json;
import eu.federator.credentials.verify.Check;
import eu.federator.dataspace.evidence.Notification;
import eu.federator.dataspace.evidence.NotificationInbox;
import eu.federator.dataspace.evidence.NotificationInbox.Accepted;
import eu.federator.dataspace.evidence.NotificationInbox.Refused;
import eu.federator.dataspace.evidence.NotificationStore;
import eu.federator.server.web.ProblemType;
import eu.federator.server.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.json.JsonArrayBuilder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The notification inbox, a W3C Linked Data Notifications inbox (GXFS Data Exchange Logging): counter-parties post
 * signed notifications authorised by their agreement's log token; the operator reads the container and each notification.
 */
@RestController
@Tag(name = "Notification inbox", description = "Signed notifications of counter-parties (W3C Linked Data Notifications, GXFS Data Exchange Logging)")
public class InboxController {
    static final String PATH = "/dataspace/inbox";
    static final String ACCEPT_POST = "application/vc+jwt, application/ld+json, application/json";
    static final int MAX_PAGE = 1000;

    private final NotificationInbox inbox;
    private final NotificationStore notifications;

    public InboxController(NotificationInbox inbox, NotificationStore notifications) {
        this.inbox = inbox;
        this.notifications = notifications;
    }

    static String inboxUrl() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(PATH).toUriString();
    }

    @Operation(summary = "Post a notification: a credential the agreement's counter-party signed (type DataExchangeNotification), "
            + "with Authorization: Bearer <its log token>",
            description = "Public at the HTTP layer: the log token of the agreement authorises. 201 with Location for a new notification, "
                    + "200 with Location for one posted before; 401 without a valid log token, 403 for another agreement or signer, "
                    + "400 for a body that is no notification, 422 when the credential does not verify.")
    @PostMapping(path = PATH, consumes = {"application/vc+jwt", "application/ld+json", MediaType.APPLICATION_JSON_VALUE},
            produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> post(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                  @RequestBody(required = false) byte[] body) {
        return switch (inbox.receive(authorization, body)) {
            case Accepted accepted -> {
                URI location = URI.create(inboxUrl() + "/" + accepted.notification().id());
                yield ResponseEntity.status(accepted.created() ? HttpStatus.CREATED : HttpStatus.OK).location(location)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(Json.write(EvidenceJson.notification(accepted.notification(), location.toString())));
            }
            case Refused refused -> refusal(refused);
        };
    }

    private static ResponseEntity<ProblemDetail> refusal(Refused refused) {
        HttpHeaders headers = new HttpHeaders();
        ProblemDetail problem = switch (refused.refusal()) {
            case UNAUTHORIZED -> {
                headers.add(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
                yield Problems.of(ProblemType.UNAUTHORIZED, HttpStatus.UNAUTHORIZED, refused.reason());
            }
            case FORBIDDEN -> Problems.of(HttpStatus.FORBIDDEN, refused.reason());
            case MALFORMED -> Problems.of(ProblemType.MALFORMED_INPUT, HttpStatus.BAD_REQUEST, refused.reason());
            case NOT_VERIFIED -> {
                ProblemDetail p = Problems.of(ProblemType.VERIFICATION_FAILED, HttpStatus.UNPROCESSABLE_CONTENT, refused.reason());
                List<Map<String, String>> errors = refused.failures().stream()
                        .map((Check c) -> Map.of("credential", "notification", "check", c.name(), "message", c.message())).toList();
                p.setProperty("errors", errors);
                yield p;
            }
        };
        return Problems.response(problem, headers);
    }

    @Operation(summary = "The inbox as an LDP container (JSON-LD): ldp:contains lists the notifications in the order received",
            description = "Needs Ro-MU-CA. agreementId filters; offset/limit page (Link rel=\"next\").")
    @GetMapping(path = PATH, produces = {"application/ld+json", MediaType.APPLICATION_JSON_VALUE})
    public ResponseEntity<String> container(@RequestParam(name = "agreementId", required = false) String agreementId,
                                            @RequestParam(name = "offset", required = false) String offsetParameter,
                                            @RequestParam(name = "limit", required = false) String limitParameter) {
        int offset = AgreementController.number("offset", offsetParameter, 0, 0, Integer.MAX_VALUE);
        int limit = AgreementController.number("limit", limitParameter, MAX_PAGE, 1, MAX_PAGE);
        String self = inboxUrl();
        List<Notification> page = notifications.list(agreementId == null || agreementId.isBlank() ? null : agreementId, offset, limit);
        JsonArrayBuilder contains = Json.provider().createArrayBuilder();
        page.forEach(n -> contains.add(Json.provider().createObjectBuilder().add("@id", self + "/" + n.id())));
        var body = Json.provider().createObjectBuilder()
                .add("@context", Json.provider().createObjectBuilder().add("ldp", "http://www.w3.org/ns/ldp#"))
                .add("@id", self)
                .add("@type", Json.provider().createArrayBuilder().add("ldp:Container").add("ldp:BasicContainer"))
                .add("ldp:contains", contains)
                .build();
        HttpHeaders headers = new HttpHeaders();
        headers.add("Accept-Post", ACCEPT_POST);
        if (page.size() == limit) {
            headers.add(HttpHeaders.LINK, "<" + ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("offset", offset + limit)
                    .build().toUriString() + ">; rel=\"next\"");
        }
        return ResponseEntity.ok().headers(headers).contentType(EvidenceJson.LD_JSON).body(Json.write(body));
    }

    @Operation(summary = "One notification: who sent it about which agreement, the event, and the credential as posted",
            description = "Needs Ro-MU-CA.")
    @GetMapping(path = PATH + "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> one(@PathVariable String id) {
        Notification n = notifications.find(id).orElseThrow(() -> EvidenceJson.problem(HttpStatus.NOT_FOUND, "no notification " + id));
        return EvidenceJson.ok(EvidenceJson.notification(n, inboxUrl() + "/" + n.id()), new HttpHeaders());
    }
}
