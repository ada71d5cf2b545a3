package eu.federator.trustframework.notary;

import eu.federator.credentials.net.FetchException;
import eu.federator.credentials.net.GuardedApiClient;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/** Shared plumbing of the HTTP sources: one exchange, unavailability, Retry-After, safe XML. */
final class SourceCalls {
    static final String SOAP_ENVELOPE = "http://schemas.xmlsoap.org/soap/envelope/";

    private SourceCalls() {
    }

    /** The outcome of one exchange: an answer to interpret, or an unavailability already decided. */
    record Exchange(GuardedApiClient.Response response, SourceAnswer.Unavailable unavailable) {
    }

    static Exchange send(GuardedApiClient client, String source, SourceSettings settings, String method, URI uri,
                         Map<String, String> headers, byte[] body) {
        GuardedApiClient.Response response;
        try {
            response = client.send(method, uri, headers, body, settings.timeout());
        } catch (FetchException e) {
            boolean refused = e.getMessage() != null && e.getMessage().startsWith("refused ");
            return new Exchange(null, new SourceAnswer.Unavailable(source, source + " could not be reached: " + e.getMessage(),
                    !refused, settings.retryAfter()));
        }
        return new Exchange(response, null);
    }

    /** 429 and 5xx (and anything else unexpected) as unavailability, honouring the source's Retry-After. */
    static SourceAnswer.Unavailable unavailable(String source, GuardedApiClient.Response response, SourceSettings settings, String detail) {
        int status = response.status();
        boolean retryable = status == 429 || status >= 500;
        Duration retryAfter = retryAfter(response, settings.retryAfter());
        String what = status == 429 ? "rate-limited the request (HTTP 429)" : "answered HTTP " + status;
        return new SourceAnswer.Unavailable(source, source + " " + what + (detail == null || detail.isBlank() ? "" : ": " + detail),
                retryable, retryAfter);
    }

    static Duration retryAfter(GuardedApiClient.Response response, Duration fallback) {
        Optional<String> header = response.header("Retry-After");
        if (header.isEmpty()) {
            return fallback;
        }
        String value = header.get().trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds > 0 ? Duration.ofSeconds(Math.min(seconds, 86_400)) : fallback;
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(Clock.systemUTC().instant(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return d.isNegative() || d.isZero() ? fallback : d;
            } catch (DateTimeParseException ignored) {
                return fallback;
            }
        }
    }

    /** Parses XML without DTDs or external entities. */
    static Document xml(byte[] body) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(body));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** The text of the first element with this local name (any namespace), trimmed; empty when absent or blank. */
    static Optional<String> text(Element root, String localName) {
        NodeList nodes = root.getElementsByTagNameNS("*", localName);
        if (nodes.getLength() == 0) {
            return Optional.empty();
        }
        String text = nodes.item(0).getTextContent();
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(text.strip());
    }

    static Optional<Element> element(Element root, String localName) {
        NodeList nodes = root.getElementsByTagNameNS("*", localName);
        return nodes.getLength() == 0 ? Optional.empty() : Optional.of((Element) nodes.item(0));
    }

    static String escapeXml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&apos;");
    }

    /** A name a register returns, unless it is one of VIES's "not disclosed" placeholders. */
    static boolean disclosed(String value) {
        return value != null && !value.isBlank() && !value.strip().equals("---");
    }

    static String abbreviate(String s, int max) {
        String oneLine = s.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "…";
    }
}
