package eu.federator.trustframework.registry;

import eu.federator.credentials.net.FetchException;
import eu.federator.credentials.net.ResourceFetcher;
import eu.federator.credentials.trust.TrustAnchors;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.crypto.AlgorithmMethod;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.KeySelectorException;
import javax.xml.crypto.KeySelectorResult;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.XMLCryptoContext;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.X509Data;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Imports trust anchors from ETSI TS 119 612 trusted lists: the EU list of trusted lists (LOTL) with the national
 * trusted lists it points to, or a single trusted list.
 *
 * <ul>
 *   <li>XML is parsed with the JDK's DOM parser in secure-processing mode: DOCTYPEs are refused, so there are no
 *   external entities, no DTDs and no entity expansion.</li>
 *   <li>The LOTL's {@code PointersToOtherTSL} with MIME type {@code application/vnd.etsi.tsl+xml} (the XML form, not the
 *   PDF) are followed through the {@link ResourceFetcher} (SSRF guards, size and time limits, or the web mirror).
 *   Pointers back to a list of lists are not followed.</li>
 *   <li>From each list, the {@code X509Certificate}s of every {@code ServiceDigitalIdentity} of a {@code TSPService}
 *   whose current {@code ServiceTypeIdentifier} is one of {@link Settings#serviceTypes()} (default
 *   {@code CA/QC}: issuers of qualified certificates) and whose current {@code ServiceStatus} is one of
 *   {@link Settings#statuses()} (default granted and recognised at national level; withdrawn and every other status are
 *   excluded) become trust anchors. The service history is not consulted.</li>
 *   <li><b>Signatures</b> (enveloped XMLDSig, as the lists are XAdES-signed) are validated with
 *   {@code javax.xml.crypto.dsig} in secure-validation mode, with the key of the signature's own {@code X509Certificate}.
 *   That certificate must then be one the trust chain names: for a national list, one of the
 *   {@code ServiceDigitalIdentity} certificates of the LOTL pointer to it; for the LOTL (or a single list), one of
 *   {@link Settings#listSigners()} (the LOTL signing certificates the EU publishes in the Official Journal). With
 *   {@link Settings#requireSignatures()}, a list whose signature is missing, invalid or by another certificate is
 *   not imported (a national one is skipped with a warning; a bad LOTL fails the import); without it, such lists are
 *   imported with a warning. XAdES properties (signing time, signing-certificate digest) are not evaluated.</li>
 *   <li>A national list that cannot be fetched or parsed is skipped with a warning; the others are still imported.</li>
 * </ul>
 */
public final class TrustedLists {
    public static final String TSL_NS = "http://uri.etsi.org/02231/v2#";
    public static final String ADDITIONAL_TYPES_NS = "http://uri.etsi.org/02231/v2/additionaltypes#";
    public static final String LOTL_TYPE = "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUlistofthelists";
    public static final String TSL_MIME_TYPE = "application/vnd.etsi.tsl+xml";
    public static final String CA_QC = "http://uri.etsi.org/TrstSvc/Svctype/CA/QC";
    public static final String GRANTED = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted";
    public static final String RECOGNISED_AT_NATIONAL_LEVEL = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/recognisedatnationallevel";
    public static final String WITHDRAWN = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/withdrawn";
    static final String ACCEPT = TSL_MIME_TYPE + ", application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1";

    /**
     * @param serviceTypes      ServiceTypeIdentifier URIs to import (e.g. {@link #CA_QC})
     * @param statuses          ServiceStatus URIs to import (e.g. {@link #GRANTED})
     * @param listSigners       certificates allowed to sign the LOTL (or a single list imported directly); empty: not pinned
     * @param requireSignatures refuse lists whose signature is missing, invalid or not by an expected certificate
     * @param maxLists          how many lists one import may read (guard against pointer loops and floods)
     */
    public record Settings(Set<String> serviceTypes, Set<String> statuses, List<X509Certificate> listSigners,
                           boolean requireSignatures, int maxLists) {
        public Settings {
            serviceTypes = Set.copyOf(serviceTypes);
            statuses = Set.copyOf(statuses);
            listSigners = List.copyOf(listSigners);
            if (maxLists < 1) {
                throw new IllegalArgumentException("maxLists must be at least 1");
            }
        }

        /** CA/QC services, granted or recognised at national level, signatures required, no pinned LOTL signers, 64 lists. */
        public static Settings defaults() {
            return new Settings(Set.of(CA_QC), Set.of(GRANTED, RECOGNISED_AT_NATIONAL_LEVEL), List.of(), true, 64);
        }

        public Settings withListSigners(List<X509Certificate> signers) {
            return new Settings(serviceTypes, statuses, signers, requireSignatures, maxLists);
        }

        public Settings withRequireSignatures(boolean value) {
            return new Settings(serviceTypes, statuses, listSigners, value, maxLists);
        }

        public Settings withServiceTypes(Set<String> types) {
            return new Settings(types, statuses, listSigners, requireSignatures, maxLists);
        }
    }

    /** One imported service certificate. */
    public record Service(String territory, String provider, String name, String type, String status,
                          X509Certificate certificate, String list) {
    }

    /**
     * The outcome of an import.
     *
     * @param services every imported service certificate (one per certificate, duplicates across lists kept)
     * @param lists    the lists read, with how their signature was judged
     * @param warnings what was skipped or could not be verified, and why
     */
    public record Result(List<Service> services, List<String> lists, List<String> warnings) {
        public Result {
            services = List.copyOf(services);
            lists = List.copyOf(lists);
            warnings = List.copyOf(warnings);
        }

        /** The distinct certificates as trust anchors. */
        public TrustAnchors anchors() {
            Map<String, X509Certificate> distinct = new LinkedHashMap<>();
            for (Service s : services) {
                try {
                    distinct.putIfAbsent(Base64.getEncoder().encodeToString(s.certificate().getEncoded()), s.certificate());
                } catch (java.security.cert.CertificateEncodingException e) {
                    // cannot happen for a parsed certificate
                }
            }
            return TrustAnchors.of(List.copyOf(distinct.values()));
        }
    }

    /** A list that cannot be used at all (unreadable, or the LOTL's signature fails under a strict policy). */
    public static final class TrustedListException extends Exception {
        public TrustedListException(String message) {
            super(message);
        }

        public TrustedListException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final ResourceFetcher fetcher;
    private final Settings settings;
    private final Instant now;

    /** @param now the instant a list's NextUpdate is compared with (a list past it is imported with a warning) */
    public TrustedLists(ResourceFetcher fetcher, Settings settings, Instant now) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.now = Objects.requireNonNull(now, "now");
    }

    /**
     * Imports from a location: an {@code http(s)} URL (fetched) or a local file path / {@code file:} URI (read).
     */
    public Result load(String location) throws TrustedListException {
        byte[] xml;
        String name = location.strip();
        if (name.startsWith("https://") || name.startsWith("http://")) {
            try {
                xml = fetcher.fetch(URI.create(name), ACCEPT).body();
            } catch (FetchException | IllegalArgumentException e) {
                throw new TrustedListException("trusted list " + name + " could not be fetched: " + e.getMessage(), e);
            }
        } else {
            Path file = name.startsWith("file:") ? Path.of(URI.create(name)) : Path.of(name);
            try {
                xml = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new TrustedListException("trusted list file " + file + " cannot be read: " + e, e);
            }
        }
        return load(xml, name);
    }

    /** Imports from the bytes of a LOTL or a single trusted list; {@code name} is used in messages. */
    public Result load(byte[] xml, String name) throws TrustedListException {
        List<Service> services = new ArrayList<>();
        List<String> lists = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Document document = parse(xml, name);
        Element root = document.getDocumentElement();
        String type = text(child(child(root, "SchemeInformation"), "TSLType"));
        boolean lotl = LOTL_TYPE.equals(type);
        String signature = checkSignature(document, name, settings.listSigners(),
                settings.listSigners().isEmpty() ? null : "the configured list signing certificates", warnings);
        if (signature == null) {
            throw new TrustedListException("the " + (lotl ? "list of trusted lists" : "trusted list") + " " + name
                    + " is not imported: " + warnings.getLast());
        }
        lists.add(name + " (" + (lotl ? "list of trusted lists" : "trusted list " + territory(root)) + "; " + signature + ")");
        checkNextUpdate(root, name, warnings);
        services.addAll(services(root, name));
        if (lotl) {
            Set<String> seen = new LinkedHashSet<>();
            seen.add(name);
            for (Pointer pointer : pointers(root, name, warnings)) {
                if (!seen.add(pointer.location())) {
                    continue;
                }
                if (lists.size() >= settings.maxLists()) {
                    warnings.add("stopped after " + settings.maxLists() + " lists; " + pointer.location() + " and later pointers were not read");
                    break;
                }
                national(pointer, services, lists, warnings);
            }
        }
        return new Result(services, lists, warnings);
    }

    private record Pointer(String location, String territory, List<X509Certificate> signers) {
    }

    private void national(Pointer pointer, List<Service> services, List<String> lists, List<String> warnings) {
        String where = "trusted list of " + pointer.territory() + " at " + pointer.location();
        byte[] xml;
        try {
            xml = fetcher.fetch(URI.create(pointer.location()), ACCEPT).body();
        } catch (FetchException | IllegalArgumentException e) {
            warnings.add(where + " skipped: " + e.getMessage());
            return;
        }
        Document document;
        try {
            document = parse(xml, pointer.location());
        } catch (TrustedListException e) {
            warnings.add(where + " skipped: " + e.getMessage());
            return;
        }
        String signature = checkSignature(document, pointer.location(), pointer.signers(),
                "the certificates the list of trusted lists names for " + pointer.territory(), warnings);
        if (signature == null) {
            warnings.set(warnings.size() - 1, where + " skipped: " + warnings.getLast());
            return;
        }
        Element root = document.getDocumentElement();
        String territory = territory(root);
        if (pointer.territory() != null && territory != null && !pointer.territory().equals(territory)) {
            warnings.add(where + " skipped: it is the list of " + territory + ", not of " + pointer.territory());
            return;
        }
        lists.add(pointer.location() + " (trusted list " + territory + "; " + signature + ")");
        checkNextUpdate(root, pointer.location(), warnings);
        services.addAll(services(root, pointer.location()));
    }

    private List<Service> services(Element root, String list) {
        List<Service> out = new ArrayList<>();
        String territory = territory(root);
        for (Element provider : children(child(root, "TrustServiceProviderList"), "TrustServiceProvider")) {
            String providerName = firstName(child(child(provider, "TSPInformation"), "TSPName"));
            for (Element service : children(child(provider, "TSPServices"), "TSPService")) {
                Element info = child(service, "ServiceInformation");
                String type = text(child(info, "ServiceTypeIdentifier"));
                String status = text(child(info, "ServiceStatus"));
                if (type == null || status == null || !settings.serviceTypes().contains(type) || !settings.statuses().contains(status)) {
                    continue;
                }
                String serviceName = firstName(child(info, "ServiceName"));
                for (X509Certificate certificate : certificates(child(info, "ServiceDigitalIdentity"))) {
                    out.add(new Service(territory, providerName, serviceName, type, status, certificate, list));
                }
            }
        }
        return out;
    }

    private List<Pointer> pointers(Element root, String name, List<String> warnings) {
        List<Pointer> out = new ArrayList<>();
        for (Element pointer : children(child(child(root, "SchemeInformation"), "PointersToOtherTSL"), "OtherTSLPointer")) {
            String location = text(child(pointer, "TSLLocation"));
            String mime = null;
            String type = null;
            String territory = null;
            for (Element other : children(child(pointer, "AdditionalInformation"), "OtherInformation")) {
                for (Element e : elements(other)) {
                    switch (e.getLocalName()) {
                        case "MimeType" -> mime = text(e);
                        case "TSLType" -> type = text(e);
                        case "SchemeTerritory" -> territory = text(e);
                        default -> {
                        }
                    }
                }
            }
            if (location == null || LOTL_TYPE.equals(type)) {
                continue;
            }
            if (mime != null && !TSL_MIME_TYPE.equals(mime)) {
                continue; // the PDF (human-readable) form of a list
            }
            List<X509Certificate> signers = new ArrayList<>();
            for (Element identity : children(child(pointer, "ServiceDigitalIdentities"), "ServiceDigitalIdentity")) {
                signers.addAll(certificates(identity));
            }
            if (signers.isEmpty()) {
                warnings.add("the pointer to " + location + " in " + name + " names no signing certificate");
            }
            out.add(new Pointer(location, territory, signers));
        }
        return out;
    }

    /**
     * @return a description of the signature when the list may be imported; null (with the reason as the last warning)
     * when it must not be
     */
    private String checkSignature(Document document, String name, List<X509Certificate> expected, String expectedName,
                                  List<String> warnings) {
        String problem;
        X509Certificate signer = null;
        NodeList signatures = document.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature");
        if (signatures.getLength() == 0) {
            problem = "it is not signed";
        } else {
            try {
                signer = validate(document, (Element) signatures.item(0));
                problem = null;
            } catch (TrustedListException e) {
                problem = e.getMessage();
            }
        }
        if (problem == null && expectedName != null && !expected.contains(signer)) {
            problem = "it is signed by " + signer.getSubjectX500Principal().getName() + ", which is not one of "
                    + expectedName + " (" + expected.size() + ")";
        }
        if (problem == null) {
            if (expectedName == null) {
                warnings.add(name + ": the signature verifies with its embedded certificate "
                        + signer.getSubjectX500Principal().getName() + ", but no list signing certificate is configured to pin it");
                return "signature valid, signer not pinned";
            }
            return "signature valid, signed by " + signer.getSubjectX500Principal().getName();
        }
        if (settings.requireSignatures()) {
            warnings.add(problem);
            return null;
        }
        warnings.add(name + ": imported although " + problem + " (signatures are not required)");
        return "signature NOT verified: " + problem;
    }

    private static X509Certificate validate(Document document, Element signatureElement) throws TrustedListException {
        registerIds(document.getDocumentElement());
        X509Certificate[] signer = new X509Certificate[1];
        KeySelector selector = new KeySelector() {
            @Override
            public KeySelectorResult select(KeyInfo keyInfo, Purpose purpose, AlgorithmMethod method, XMLCryptoContext context)
                    throws KeySelectorException {
                if (keyInfo != null) {
                    for (Object content : keyInfo.getContent()) {
                        if (content instanceof X509Data data) {
                            for (Object item : data.getContent()) {
                                if (item instanceof X509Certificate certificate) {
                                    signer[0] = certificate;
                                    return certificate::getPublicKey;
                                }
                            }
                        }
                    }
                }
                throw new KeySelectorException("the signature's KeyInfo carries no X509Certificate");
            }
        };
        DOMValidateContext context = new DOMValidateContext(selector, signatureElement);
        context.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
        try {
            XMLSignature signature = XMLSignatureFactory.getInstance("DOM").unmarshalXMLSignature(context);
            if (!signature.validate(context)) {
                List<String> failed = new ArrayList<>();
                if (!signature.getSignatureValue().validate(context)) {
                    failed.add("the signature value");
                }
                for (Object r : signature.getSignedInfo().getReferences()) {
                    Reference reference = (Reference) r;
                    if (!reference.validate(context)) {
                        failed.add("the digest of reference '" + reference.getURI() + "'");
                    }
                }
                throw new TrustedListException("its signature does not verify (" + String.join(", ", failed)
                        + " failed: the list was changed after signing or signed with another key)");
            }
        } catch (MarshalException | XMLSignatureException e) {
            throw new TrustedListException("its signature cannot be checked: " + rootMessage(e), e);
        }
        return signer[0];
    }

    /** XAdES references point at {@code Id} attributes; DOM needs to be told that they are IDs. */
    private static void registerIds(Element element) {
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attr = (Attr) attributes.item(i);
            if (attr.getNamespaceURI() == null && (attr.getName().equals("Id") || attr.getName().equals("ID"))) {
                element.setIdAttributeNode(attr, true);
            }
        }
        for (Element child : elements(element)) {
            registerIds(child);
        }
    }

    private void checkNextUpdate(Element root, String name, List<String> warnings) {
        String next = text(child(child(child(root, "SchemeInformation"), "NextUpdate"), "dateTime"));
        if (next == null) {
            return;
        }
        try {
            Instant nextUpdate = OffsetDateTime.parse(next).toInstant();
            if (now.isAfter(nextUpdate)) {
                warnings.add(name + ": the list is out of date (its NextUpdate " + next + " has passed)");
            }
        } catch (DateTimeParseException e) {
            warnings.add(name + ": unreadable NextUpdate '" + next + "'");
        }
    }

    static Document parse(byte[] xml, String name) throws TrustedListException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            Document document = builder.parse(new ByteArrayInputStream(xml));
            Element root = document.getDocumentElement();
            if (!TSL_NS.equals(root.getNamespaceURI()) || !"TrustServiceStatusList".equals(root.getLocalName())) {
                throw new TrustedListException(name + " is not an ETSI TS 119 612 trusted list (root element {"
                        + root.getNamespaceURI() + "}" + root.getLocalName() + ", expected {" + TSL_NS + "}TrustServiceStatusList)");
            }
            return document;
        } catch (SAXException e) {
            throw new TrustedListException(name + " is not well-formed XML or uses a DOCTYPE (refused): " + e.getMessage(), e);
        } catch (IOException | ParserConfigurationException e) {
            throw new TrustedListException(name + " cannot be parsed: " + e.getMessage(), e);
        }
    }

    private static String territory(Element root) {
        return text(child(child(root, "SchemeInformation"), "SchemeTerritory"));
    }

    private static List<X509Certificate> certificates(Element identity) {
        List<X509Certificate> out = new ArrayList<>();
        for (Element digitalId : children(identity, "DigitalId")) {
            for (Element cert : children(digitalId, "X509Certificate")) {
                String base64 = text(cert);
                if (base64 == null) {
                    continue;
                }
                try {
                    byte[] der = Base64.getMimeDecoder().decode(base64);
                    out.add((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)));
                } catch (CertificateException | IllegalArgumentException e) {
                    // an unreadable certificate is not an anchor; the others of the list still are
                }
            }
        }
        return out;
    }

    private static String firstName(Element names) {
        List<Element> list = children(names, "Name");
        return list.isEmpty() ? null : text(list.getFirst());
    }

    private static Element child(Element parent, String localName) {
        if (parent == null) {
            return null;
        }
        for (Element e : elements(parent)) {
            if (localName.equals(e.getLocalName()) && TSL_NS.equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String localName) {
        if (parent == null) {
            return List.of();
        }
        return elements(parent).stream().filter(e -> localName.equals(e.getLocalName()) && TSL_NS.equals(e.getNamespaceURI())).toList();
    }

    private static List<Element> elements(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element e) {
        if (e == null) {
            return null;
        }
        String t = e.getTextContent();
        return t == null || t.isBlank() ? null : t.strip();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
