package eu.federator.trustframework.notary;

import eu.federator.credentials.net.GuardedApiClient;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The EU Economic Operators System EORI validation service: SOAP {@code validateEORI} (namespace
 * {@value #NAMESPACE}) posted to {@code baseUrl} (the service URL, default {@value #URL}). The answer lists one
 * {@code result} per EORI with {@code eori}, {@code status} (0 valid, 1 not valid), {@code statusDescr}, and the
 * trader's {@code name}/{@code address}/{@code country} only where the trader agreed to their publication. A SOAP fault
 * is unavailability.
 */
public final class EosSource implements RegistrationSource {
    public static final String URL = "https://ec.europa.eu/taxation_customs/dds2/eos/validation/services/validation";
    static final String NAMESPACE = "http://eori.ws.eos.dds.s/";
    private static final String NAME = "EU EOS";

    private final GuardedApiClient client;
    private final SourceSettings settings;
    private final Clock clock;

    public EosSource(GuardedApiClient client, SourceSettings settings, Clock clock) {
        this.client = client;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SourceAnswer check(OfflineCheck number) {
        URI uri = settings.baseUrl();
        String envelope = """
                <soapenv:Envelope xmlns:soapenv="%s" xmlns:ev="%s"><soapenv:Header/><soapenv:Body>\
                <ev:validateEORI><ev:eori>%s</ev:eori></ev:validateEORI></soapenv:Body></soapenv:Envelope>"""
                .formatted(SourceCalls.SOAP_ENVELOPE, NAMESPACE, SourceCalls.escapeXml(number.normalized()));
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
        if (fault.isPresent() || response.status() / 100 != 2) {
            String detail = fault.flatMap(f -> SourceCalls.text(f, "faultstring")).map(s -> SourceCalls.abbreviate(s, 200)).orElse(null);
            return SourceCalls.unavailable(NAME, response, settings, detail);
        }
        Element result = null;
        NodeList results = root.getElementsByTagNameNS("*", "result");
        for (int i = 0; i < results.getLength(); i++) {
            Element r = (Element) results.item(i);
            if (SourceCalls.text(r, "eori").map(number.normalized()::equalsIgnoreCase).orElse(false)) {
                result = r;
            }
        }
        if (result == null) {
            return new SourceAnswer.Unavailable(NAME, "EU EOS answered without a result for " + number.normalized(), false, settings.retryAfter());
        }
        String status = SourceCalls.text(result, "status").orElse("");
        String description = SourceCalls.text(result, "statusDescr").orElse("");
        if (status.equals("1")) {
            return new SourceAnswer.Rejected(NAME, uri, executed, "EU EOS: " + number.normalized() + " is not valid"
                    + (description.isEmpty() ? "" : " (" + description + ")"));
        }
        if (!status.equals("0")) {
            return new SourceAnswer.Unavailable(NAME, "EU EOS answered status \"" + status + "\" (" + description + ") for "
                    + number.normalized(), false, settings.retryAfter());
        }
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("countryCode", number.countryCode());
        SourceCalls.text(result, "name").filter(SourceCalls::disclosed).ifPresent(n -> claims.put("name", n));
        return new SourceAnswer.Confirmed(NAME, uri, executed, claims);
    }
}
