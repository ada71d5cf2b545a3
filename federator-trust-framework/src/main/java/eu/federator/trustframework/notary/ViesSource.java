package eu.federator.trustframework.notary;

import eu.federator.credentials.json.Json;
import eu.federator.credentials.json.JsonSyntaxException;
import eu.federator.credentials.net.GuardedApiClient;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The EU VAT Information Exchange System. Two protocols, both public and keyless:
 * <ul>
 *   <li>{@link Protocol#REST} (default): {@code POST {baseUrl}/check-vat-number} with
 *   {@code {"countryCode":"DE","vatNumber":"136695976"}}; the answer has {@code valid}, {@code name}, {@code address}, or
 *   {@code {"actionSucceed":false,"errorWrappers":[{"error":"MS_UNAVAILABLE",...}]}} (with HTTP 200 or an error
 *   status). Default base {@value #REST_BASE}.</li>
 *   <li>{@link Protocol#SOAP}: {@code checkVat} posted to {@code baseUrl} itself (the service URL, default
 *   {@value #SOAP_URL}); the answer is {@code checkVatResponse} with {@code valid}, {@code name}, {@code address}, or a
 *   SOAP fault whose {@code faultstring} is the error code.</li>
 * </ul>
 * Error codes: {@code INVALID_INPUT} and {@code VAT_BLOCKED} mean VIES rejects the number; {@code MS_UNAVAILABLE},
 * {@code TIMEOUT}, {@code SERVICE_UNAVAILABLE}, {@code GLOBAL_MAX_CONCURRENT_REQ}, {@code MS_MAX_CONCURRENT_REQ} (and
 * their {@code _TIME} variants) mean it could not answer now (retried); {@code IP_BLOCKED} and unknown codes mean it
 * will not answer (not retried). VIES answers "---" for names and addresses a member state does not disclose.
 */
public final class ViesSource implements RegistrationSource {
    public static final String REST_BASE = "https://ec.europa.eu/taxation_customs/vies/rest-api";
    public static final String SOAP_URL = "https://ec.europa.eu/taxation_customs/vies/services/checkVatService";
    static final String CHECK_VAT_NS = "urn:ec.europa.eu:taxud:vies:services:checkVat:types";

    public enum Protocol { REST, SOAP }

    private static final Set<String> BUSY = Set.of("MS_UNAVAILABLE", "TIMEOUT", "SERVICE_UNAVAILABLE", "GLOBAL_MAX_CONCURRENT_REQ",
            "MS_MAX_CONCURRENT_REQ", "GLOBAL_MAX_CONCURRENT_REQ_TIME", "MS_MAX_CONCURRENT_REQ_TIME");
    private static final Set<String> REJECTED = Set.of("INVALID_INPUT", "VAT_BLOCKED");
    private static final String NAME = "VIES";

    private final GuardedApiClient client;
    private final SourceSettings settings;
    private final Protocol protocol;
    private final Clock clock;

    public ViesSource(GuardedApiClient client, SourceSettings settings, Protocol protocol, Clock clock) {
        this.client = client;
        this.settings = settings;
        this.protocol = protocol;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SourceAnswer check(OfflineCheck number) {
        String prefix = number.normalized().substring(0, 2);
        String national = number.normalized().substring(2);
        return protocol == Protocol.REST ? rest(number, prefix, national) : soap(number, prefix, national);
    }

    private SourceAnswer rest(OfflineCheck number, String prefix, String national) {
        URI uri = URI.create(stripSlash(settings.baseUrl().toString()) + "/check-vat-number");
        JsonObject request = Json.provider().createObjectBuilder().add("countryCode", prefix).add("vatNumber", national).build();
        Instant executed = clock.instant();
        SourceCalls.Exchange exchange = SourceCalls.send(client, NAME, settings, "POST", uri,
                Map.of("Content-Type", "application/json", "Accept", "application/json"), Json.write(request).getBytes(StandardCharsets.UTF_8));
        if (exchange.unavailable() != null) {
            return exchange.unavailable();
        }
        GuardedApiClient.Response response = exchange.response();
        JsonObject answer;
        try {
            answer = Json.parseObject(response.body());
        } catch (JsonSyntaxException e) {
            return SourceCalls.unavailable(NAME, response, settings, response.status() / 100 == 2 ? "the answer is not JSON" : null);
        }
        Optional<String> error = restError(answer);
        if (error.isPresent()) {
            return classify(error.get(), uri, executed, response);
        }
        if (response.status() / 100 != 2) {
            return SourceCalls.unavailable(NAME, response, settings, null);
        }
        JsonValue valid = answer.containsKey("valid") ? answer.get("valid") : answer.get("isValid");
        if (valid == null || (valid != JsonValue.TRUE && valid != JsonValue.FALSE)) {
            return new SourceAnswer.Unavailable(NAME, "VIES answered without a \"valid\" field", false, settings.retryAfter());
        }
        return answer(number, valid == JsonValue.TRUE, string(answer, "name"), string(answer, "address"), uri, executed);
    }

    private static Optional<String> restError(JsonObject answer) {
        if (answer.get("errorWrappers") instanceof JsonArray wrappers && !wrappers.isEmpty()
                && wrappers.getFirst() instanceof JsonObject first) {
            return Optional.ofNullable(string(first, "error")).or(() -> Optional.ofNullable(string(first, "message")));
        }
        if (answer.get("actionSucceed") == JsonValue.FALSE) {
            return Optional.of("SERVICE_UNAVAILABLE");
        }
        String userError = string(answer, "userError");
        if (userError != null && !userError.equals("VALID") && !userError.equals("INVALID")) {
            return Optional.of(userError);
        }
        return Optional.empty();
    }

    private SourceAnswer soap(OfflineCheck number, String prefix, String national) {
        URI uri = settings.baseUrl();
        String envelope = """
                <soapenv:Envelope xmlns:soapenv="%s" xmlns:urn="%s"><soapenv:Header/><soapenv:Body>\
                <urn:checkVat><urn:countryCode>%s</urn:countryCode><urn:vatNumber>%s</urn:vatNumber></urn:checkVat>\
                </soapenv:Body></soapenv:Envelope>""".formatted(SourceCalls.SOAP_ENVELOPE, CHECK_VAT_NS,
                SourceCalls.escapeXml(prefix), SourceCalls.escapeXml(national));
        Instant executed = clock.instant();
        SourceCalls.Exchange exchange = SourceCalls.send(client, NAME, settings, "POST", uri,
                Map.of("Content-Type", "text/xml; charset=utf-8", "SOAPAction", "\"\""), envelope.getBytes(StandardCharsets.UTF_8));
        if (exchange.unavailable() != null) {
            return exchange.unavailable();
        }
        GuardedApiClient.Response response = exchange.response();
        Document document;
        try {
            document = SourceCalls.xml(response.body());
        } catch (IOException e) {
            return SourceCalls.unavailable(NAME, response, settings, response.status() / 100 == 2 ? "the answer is not XML" : null);
        }
        Element root = document.getDocumentElement();
        Optional<Element> fault = SourceCalls.element(root, "Fault");
        if (fault.isPresent()) {
            String code = SourceCalls.text(fault.get(), "faultstring").orElse("SERVICE_UNAVAILABLE");
            return classify(code, uri, executed, response);
        }
        if (response.status() / 100 != 2) {
            return SourceCalls.unavailable(NAME, response, settings, null);
        }
        Optional<Element> result = SourceCalls.element(root, "checkVatResponse");
        Optional<String> valid = result.flatMap(r -> SourceCalls.text(r, "valid"));
        if (valid.isEmpty()) {
            return new SourceAnswer.Unavailable(NAME, "VIES answered without checkVatResponse/valid", false, settings.retryAfter());
        }
        return answer(number, Boolean.parseBoolean(valid.get()), result.flatMap(r -> SourceCalls.text(r, "name")).orElse(null),
                result.flatMap(r -> SourceCalls.text(r, "address")).orElse(null), uri, executed);
    }

    private SourceAnswer classify(String code, URI uri, Instant executed, GuardedApiClient.Response response) {
        String c = code.strip();
        if (REJECTED.contains(c)) {
            String meaning = c.equals("INVALID_INPUT") ? "the country code or the number is not valid input" : "the number is blocked";
            return new SourceAnswer.Rejected(NAME, uri, executed, "VIES: " + c + " (" + meaning + ")");
        }
        Duration retryAfter = SourceCalls.retryAfter(response, settings.retryAfter());
        if (BUSY.contains(c)) {
            return new SourceAnswer.Unavailable(NAME, "VIES could not answer now: " + c, true, retryAfter);
        }
        return new SourceAnswer.Unavailable(NAME, "VIES refused the request: " + SourceCalls.abbreviate(c, 200), false, retryAfter);
    }

    private SourceAnswer answer(OfflineCheck number, boolean valid, String name, String address, URI uri, Instant executed) {
        if (!valid) {
            return new SourceAnswer.Rejected(NAME, uri, executed, "VIES: " + number.normalized()
                    + " is not a valid VAT number (not registered, or not active for intra-EU transactions)");
        }
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("countryCode", number.countryCode());
        if (SourceCalls.disclosed(name)) {
            claims.put("name", name.strip());
        }
        if (SourceCalls.disclosed(address)) {
            claims.put("address", address.strip());
        }
        return new SourceAnswer.Confirmed(NAME, uri, executed, claims);
    }

    private static String string(JsonObject o, String key) {
        return o.get(key) instanceof JsonString s ? s.getString() : null;
    }

    static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
