package eu.federator.trustframework.registry;

import com.nimbusds.jose.jwk.JWK;
import eu.federator.credentials.keys.Jwks;
import eu.federator.credentials.keys.KeyType;
import eu.federator.credentials.keys.LocalCertificateAuthority;
import org.w3c.dom.Document;

import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds small ETSI TS 119 612 lists for tests, shaped like the real EU LOTL and national lists (TS 119 612 v2.1.1
 * element order: TSLTag, SchemeInformation with version, sequence number, operator, type, territory, pointers,
 * issue date and NextUpdate; TrustServiceProviderList with TSPInformation, TSPServices, ServiceInformation and a
 * ServiceHistory; an enveloped XMLDSig signature with exclusive C14N, SHA-256 and the signer's X509Certificate in
 * KeyInfo, as the real lists carry (minus the XAdES qualifying properties)). Certificates and keys come from
 * {@link LocalCertificateAuthority}; nothing is copied from a real list.
 */
final class SyntheticTrustedLists {
    static final String SVC = "http://uri.etsi.org/TrstSvc/Svctype/";
    static final String STATUS = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/";

    /** A key pair with a self-signed certificate (list signers, and the QTSP CA certificates in the lists). */
    record Party(JWK key, X509Certificate certificate) {
        static Party create(String name) throws Exception {
            LocalCertificateAuthority ca = LocalCertificateAuthority.create(name, KeyType.EC_P256, Instant.now(), Duration.ofDays(365));
            return new Party(ca.privateKey(), ca.certificate());
        }
    }

    record ServiceEntry(String name, String type, String status, X509Certificate certificate) {
    }

    record PointerEntry(String location, String territory, String mimeType, String tslType, X509Certificate signer) {
    }

    private SyntheticTrustedLists() {
    }

    static String b64(X509Certificate c) throws Exception {
        return Base64.getEncoder().encodeToString(c.getEncoded());
    }

    static String nationalList(String territory, String nextUpdate, List<ServiceEntry> services) throws Exception {
        StringBuilder tsps = new StringBuilder();
        for (ServiceEntry s : services) {
            tsps.append("""
                    <TrustServiceProvider>
                      <TSPInformation>
                        <TSPName><Name xml:lang="en">%1$s Provider</Name></TSPName>
                        <TSPTradeName><Name xml:lang="en">VATXX-0000</Name></TSPTradeName>
                        <TSPAddress><PostalAddresses><PostalAddress xml:lang="en"><StreetAddress>1 Example St</StreetAddress><Locality>Example</Locality><CountryName>%2$s</CountryName></PostalAddress></PostalAddresses>
                          <ElectronicAddress><URI xml:lang="en">https://tsp.example/</URI></ElectronicAddress></TSPAddress>
                        <TSPInformationURI><URI xml:lang="en">https://tsp.example/repository</URI></TSPInformationURI>
                      </TSPInformation>
                      <TSPServices>
                        <TSPService>
                          <ServiceInformation>
                            <ServiceTypeIdentifier>%3$s</ServiceTypeIdentifier>
                            <ServiceName><Name xml:lang="en">%1$s</Name></ServiceName>
                            <ServiceDigitalIdentity><DigitalId><X509Certificate>%4$s</X509Certificate></DigitalId>
                              <DigitalId><X509SubjectName>%5$s</X509SubjectName></DigitalId></ServiceDigitalIdentity>
                            <ServiceStatus>%6$s</ServiceStatus>
                            <StatusStartingTime>2016-07-01T00:00:00Z</StatusStartingTime>
                            <ServiceInformationExtensions><Extension Critical="true"><AdditionalServiceInformation><URI xml:lang="en">http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/ForeSignatures</URI></AdditionalServiceInformation></Extension></ServiceInformationExtensions>
                          </ServiceInformation>
                          <ServiceHistory><ServiceHistoryInstance>
                            <ServiceTypeIdentifier>%3$s</ServiceTypeIdentifier>
                            <ServiceName><Name xml:lang="en">%1$s</Name></ServiceName>
                            <ServiceDigitalIdentity><DigitalId><X509SubjectName>%5$s</X509SubjectName></DigitalId></ServiceDigitalIdentity>
                            <ServiceStatus>http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/accredited</ServiceStatus>
                            <StatusStartingTime>2010-01-01T00:00:00Z</StatusStartingTime>
                          </ServiceHistoryInstance></ServiceHistory>
                        </TSPService>
                      </TSPServices>
                    </TrustServiceProvider>
                    """.formatted(s.name(), territory, s.type(), b64(s.certificate()),
                    s.certificate().getSubjectX500Principal().getName(), s.status()));
        }
        return list("http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUgeneric", territory, nextUpdate, "",
                "<TrustServiceProviderList>" + tsps + "</TrustServiceProviderList>");
    }

    static String lotl(String nextUpdate, List<PointerEntry> pointers) throws Exception {
        String p = pointers.stream().map(e -> {
            try {
                return """
                        <OtherTSLPointer>
                          <ServiceDigitalIdentities><ServiceDigitalIdentity><DigitalId><X509Certificate>%s</X509Certificate></DigitalId></ServiceDigitalIdentity></ServiceDigitalIdentities>
                          <TSLLocation>%s</TSLLocation>
                          <AdditionalInformation>
                            <OtherInformation><TSLType>%s</TSLType></OtherInformation>
                            <OtherInformation><SchemeOperatorName><Name xml:lang="en">Operator of %s</Name></SchemeOperatorName></OtherInformation>
                            <OtherInformation><SchemeTerritory>%s</SchemeTerritory></OtherInformation>
                            <OtherInformation><ns3:MimeType xmlns:ns3="http://uri.etsi.org/02231/v2/additionaltypes#">%s</ns3:MimeType></OtherInformation>
                          </AdditionalInformation>
                        </OtherTSLPointer>
                        """.formatted(b64(e.signer()), e.location(), e.tslType(), e.territory(), e.territory(), e.mimeType());
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }).collect(Collectors.joining());
        return list(TrustedLists.LOTL_TYPE, "EU", nextUpdate, "<PointersToOtherTSL>" + p + "</PointersToOtherTSL>", "");
    }

    private static String list(String type, String territory, String nextUpdate, String pointers, String providers) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <TrustServiceStatusList xmlns="http://uri.etsi.org/02231/v2#" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Id="TrustServiceStatusList-1" TSLTag="http://uri.etsi.org/19612/TSLTag">
                  <SchemeInformation>
                    <TSLVersionIdentifier>5</TSLVersionIdentifier>
                    <TSLSequenceNumber>42</TSLSequenceNumber>
                    <TSLType>%s</TSLType>
                    <SchemeOperatorName><Name xml:lang="en">Synthetic scheme operator</Name></SchemeOperatorName>
                    <SchemeName><Name xml:lang="en">%s:Trusted list including information related to the qualified trust service providers</Name></SchemeName>
                    <SchemeInformationURI><URI xml:lang="en">https://tl.example/info</URI></SchemeInformationURI>
                    <StatusDeterminationApproach>http://uri.etsi.org/TrstSvc/TrustedList/StatusDetn/EUappropriate</StatusDeterminationApproach>
                    <SchemeTypeCommunityRules><URI xml:lang="en">http://uri.etsi.org/TrstSvc/TrustedList/schemerules/EUcommon</URI></SchemeTypeCommunityRules>
                    <SchemeTerritory>%s</SchemeTerritory>
                    <PolicyOrLegalNotice><TSLLegalNotice xml:lang="en">Synthetic test list.</TSLLegalNotice></PolicyOrLegalNotice>
                    <HistoricalInformationPeriod>65535</HistoricalInformationPeriod>
                    %s
                    <ListIssueDateTime>2026-01-01T00:00:00Z</ListIssueDateTime>
                    <NextUpdate><dateTime>%s</dateTime></NextUpdate>
                  </SchemeInformation>
                  %s
                </TrustServiceStatusList>
                """.formatted(type, territory, territory, pointers, nextUpdate, providers);
    }

    /** The list with an enveloped signature (exclusive C14N, SHA-256, ECDSA) whose KeyInfo carries the signer's certificate. */
    static byte[] sign(String xml, Party signer) throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        Document doc = dbf.newDocumentBuilder().parse(new ByteArrayInputStream(xml.strip().getBytes(StandardCharsets.UTF_8)));
        XMLSignatureFactory f = XMLSignatureFactory.getInstance("DOM");
        Reference ref = f.newReference("", f.newDigestMethod(DigestMethod.SHA256, null),
                List.of(f.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                        f.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)), null, null);
        SignedInfo si = f.newSignedInfo(f.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                f.newSignatureMethod(SignatureMethod.ECDSA_SHA256, null), List.of(ref));
        KeyInfoFactory kif = f.getKeyInfoFactory();
        var keyInfo = kif.newKeyInfo(List.of(kif.newX509Data(List.of(signer.certificate()))));
        f.newXMLSignature(si, keyInfo).sign(new DOMSignContext(Jwks.privateKey(signer.key()), doc.getDocumentElement()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc), new StreamResult(out));
        return out.toByteArray();
    }
}
