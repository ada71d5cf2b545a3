package eu.federator.trustframework.notary;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * VIES (REST and SOAP), GLEIF and EU EOS on loopback, answering with the request and response shapes their public
 * documentation and client libraries show (VIES REST {@code POST /check-vat-number}, VIES SOAP {@code checkVat},
 * GLEIF JSON:API {@code GET /lei-records/{lei}}, EOS SOAP {@code validateEORI}). Registered numbers are valid, others
 * invalid; {@link #fault} makes one number answer with a VIES error code, {@link #down} makes every register answer
 * 503, {@link #slow} delays every answer.
 */
public final class RegisterEmulator implements AutoCloseable {
    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public final Map<String, String[]> vat = new ConcurrentHashMap<>();      // VAT -> {name, address}
    public final Map<String, String[]> lei = new ConcurrentHashMap<>();      // LEI -> {name, country, region}
    public final Map<String, String> eori = new ConcurrentHashMap<>();       // EORI -> name
    public final Map<String, String> fault = new ConcurrentHashMap<>();      // VAT -> VIES error code
    public final AtomicInteger requests = new AtomicInteger();
    public volatile int down;            // > 0: the next `down` requests get 503 (Integer.MAX_VALUE: always)
    public volatile String retryAfter;   // Retry-After sent with 503/429
    public volatile long slowMillis;
    public volatile boolean rateLimited; // 429 for everything

    private final HttpServer server;

    public RegisterEmulator() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI viesRest() {
        return base().resolve("/vies/rest-api");
    }

    public URI viesSoap() {
        return base().resolve("/vies/services/checkVatService");
    }

    public URI gleif() {
        return base().resolve("/gleif/api/v1");
    }

    public URI eos() {
        return base().resolve("/eos/validation/services/validation");
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (slowMillis > 0) {
                try {
                    Thread.sleep(slowMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (rateLimited) {
                respond(exchange, 429, "text/plain", "Too Many Requests");
                return;
            }
            if (down > 0) {
                if (down != Integer.MAX_VALUE) {
                    down--;
                }
                respond(exchange, 503, "text/html", "<html><body>Scheduled maintenance</body></html>");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String text = new String(body, StandardCharsets.UTF_8);
            if (path.equals("/vies/rest-api/check-vat-number") && exchange.getRequestMethod().equals("POST")) {
                viesRest(exchange, text);
            } else if (path.equals("/vies/services/checkVatService") && exchange.getRequestMethod().equals("POST")) {
                viesSoap(exchange, text);
            } else if (path.startsWith("/gleif/api/v1/lei-records/") && exchange.getRequestMethod().equals("GET")) {
                gleif(exchange, path.substring("/gleif/api/v1/lei-records/".length()));
            } else if (path.equals("/eos/validation/services/validation") && exchange.getRequestMethod().equals("POST")) {
                eos(exchange, text);
            } else {
                respond(exchange, 404, "text/plain", "not found");
            }
        }
    }

    private void viesRest(HttpExchange exchange, String request) throws IOException {
        String country = field(request, "\"countryCode\"\\s*:\\s*\"([^\"]*)\"");
        String number = field(request, "\"vatNumber\"\\s*:\\s*\"([^\"]*)\"");
        String error = fault.get(country + number);
        if (error != null) {
            // VIES answers application errors with HTTP 200 (sometimes 4xx/5xx) and errorWrappers
            int status = error.equals("INVALID_INPUT") ? 400 : 200;
            respond(exchange, status, "application/json",
                    "{\"actionSucceed\":false,\"errorWrappers\":[{\"error\":\"" + error + "\"}]}");
            return;
        }
        String[] known = vat.get(country + number);
        String date = "2026-07-01+02:00";
        respond(exchange, 200, "application/json", known != null
                ? "{\"countryCode\":\"" + country + "\",\"vatNumber\":\"" + number + "\",\"requestDate\":\"" + date
                + "\",\"valid\":true,\"requestIdentifier\":\"\",\"name\":\"" + known[0] + "\",\"address\":\"" + known[1].replace("\n", "\\n")
                + "\",\"traderName\":\"---\",\"traderStreet\":\"---\",\"traderPostalCode\":\"---\",\"traderCity\":\"---\","
                + "\"traderCompanyType\":\"---\",\"traderNameMatch\":\"NOT_PROCESSED\",\"traderStreetMatch\":\"NOT_PROCESSED\","
                + "\"traderPostalCodeMatch\":\"NOT_PROCESSED\",\"traderCityMatch\":\"NOT_PROCESSED\",\"traderCompanyTypeMatch\":\"NOT_PROCESSED\"}"
                : "{\"countryCode\":\"" + country + "\",\"vatNumber\":\"" + number + "\",\"requestDate\":\"" + date
                + "\",\"valid\":false,\"requestIdentifier\":\"\",\"name\":\"---\",\"address\":\"---\"}");
    }

    private void viesSoap(HttpExchange exchange, String request) throws IOException {
        String country = field(request, "<(?:\\w+:)?countryCode>([^<]*)<");
        String number = field(request, "<(?:\\w+:)?vatNumber>([^<]*)<");
        String error = fault.get(country + number);
        String envelope = "<env:Envelope xmlns:env=\"http://schemas.xmlsoap.org/soap/envelope/\"><env:Header/><env:Body>%s</env:Body></env:Envelope>";
        if (error != null) {
            respond(exchange, 500, "text/xml; charset=UTF-8", envelope.formatted(
                    "<env:Fault><faultcode>env:Server</faultcode><faultstring>" + error + "</faultstring></env:Fault>"));
            return;
        }
        String[] known = vat.get(country + number);
        respond(exchange, 200, "text/xml; charset=UTF-8", envelope.formatted(
                "<ns2:checkVatResponse xmlns:ns2=\"urn:ec.europa.eu:taxud:vies:services:checkVat:types\"><ns2:countryCode>" + country
                        + "</ns2:countryCode><ns2:vatNumber>" + number + "</ns2:vatNumber><ns2:requestDate>2026-07-01+02:00</ns2:requestDate>"
                        + "<ns2:valid>" + (known != null) + "</ns2:valid><ns2:name>" + (known != null ? known[0] : "---")
                        + "</ns2:name><ns2:address>" + (known != null ? known[1] : "---") + "</ns2:address></ns2:checkVatResponse>"));
    }

    private void gleif(HttpExchange exchange, String code) throws IOException {
        String[] known = lei.get(code);
        if (known == null) {
            respond(exchange, 404, "application/vnd.api+json", "{\"errors\":[{\"status\":\"404\",\"title\":\"Not Found\"}]}");
            return;
        }
        String region = known[2] == null ? "null" : "\"" + known[2] + "\"";
        String status = known.length > 3 ? known[3] : "ISSUED";
        respond(exchange, 200, "application/vnd.api+json", """
                {"meta":{"goldenCopy":{"publishDate":"2026-07-01T08:00:00Z"}},
                 "data":{"type":"lei-records","id":"%1$s","attributes":{"lei":"%1$s",
                  "entity":{"legalName":{"name":"%2$s","language":"de"},"otherNames":[],
                   "legalAddress":{"language":"de","addressLines":["Musterstraße 1"],"city":"Berlin","region":%3$s,"country":"%4$s","postalCode":"10115"},
                   "headquartersAddress":{"language":"de","addressLines":["Musterstraße 1"],"city":"Berlin","region":%3$s,"country":"%4$s","postalCode":"10115"},
                   "status":"ACTIVE"},
                  "registration":{"initialRegistrationDate":"2014-01-01T00:00:00Z","status":"%5$s"}},
                  "links":{"self":"https://api.gleif.org/api/v1/lei-records/%1$s"}}}
                """.formatted(code, known[0], region, known[1], status));
    }

    private void eos(HttpExchange exchange, String request) throws IOException {
        String number = field(request, "<(?:\\w+:)?eori>([^<]*)<");
        String name = eori.get(number);
        String result = name != null
                ? "<result><eori>" + number + "</eori><status>0</status><statusDescr>Valid</statusDescr><name>" + name + "</name></result>"
                : "<result><eori>" + number + "</eori><status>1</status><statusDescr>Not valid</statusDescr></result>";
        respond(exchange, 200, "text/xml; charset=UTF-8",
                "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body><ns0:validateEORIResponse xmlns:ns0=\""
                        + "http://eori.ws.eos.dds.s/\"><return><requestDate>01/07/2026</requestDate>" + result
                        + "</return></ns0:validateEORIResponse></S:Body></S:Envelope>");
    }

    private void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        if ((status == 503 || status == 429) && retryAfter != null) {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String field(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : "";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
