package eu.federator.credentials.testing;

import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real OCSP responder (RFC 6960, GET form of Appendix A.1) on 127.0.0.1 with a random port, for tests. It
 * decodes each request and answers per serial number with a response built by BouncyCastle; how it answers
 * (status, signer, validity window, tampering) is set per test with {@link #answer}.
 */
public final class OcspResponder implements AutoCloseable {

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** What to answer for one requested CertID. */
    @FunctionalInterface
    public interface Answer {
        /** @return the HTTP body (an encoded OCSPResponse, or anything else) */
        byte[] respond(CertificateID requested) throws Exception;
    }

    public static final String PATH = "/ocsp";

    private final HttpServer server;
    private final Map<java.math.BigInteger, Answer> answers = new ConcurrentHashMap<>();
    private volatile Answer fallback;
    public final AtomicInteger requests = new AtomicInteger();
    /** Raw request paths as received, e.g. {@code /ocsp/MEQwQjBAMD4wPDAJBgUrDgMCGgUABBS...%3D}. */
    public final List<String> rawPaths = new CopyOnWriteArrayList<>();
    /** The decoded requests. */
    public final List<OCSPReq> received = new CopyOnWriteArrayList<>();

    public OcspResponder() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PATH + "/", exchange -> {
            requests.incrementAndGet();
            String raw = exchange.getRequestURI().getRawPath();
            rawPaths.add(raw);
            byte[] body;
            int status = 200;
            try {
                if (!exchange.getRequestMethod().equals("GET")) {
                    throw new IllegalArgumentException("only GET");
                }
                String encoded = URLDecoder.decode(raw.substring(PATH.length() + 1), StandardCharsets.US_ASCII);
                OCSPReq request = new OCSPReq(Base64.getDecoder().decode(encoded));
                received.add(request);
                Req[] list = request.getRequestList();
                if (list.length != 1) {
                    throw new IllegalArgumentException("one CertID per request expected");
                }
                CertificateID id = list[0].getCertID();
                Answer answer = answers.getOrDefault(id.getSerialNumber(), fallback);
                body = answer == null ? malformed() : answer.respond(id);
            } catch (Exception e) {
                body = malformed();
            }
            if (body == null) {
                status = 500;
                body = new byte[0];
            }
            LoopbackServer.respond(exchange, status, "application/ocsp-response", body);
        });
        server.start();
    }

    /** Answers requests for this serial number (others get {@link #fallback} or malformedRequest). */
    public OcspResponder answer(X509Certificate certificate, Answer answer) {
        answers.put(certificate.getSerialNumber(), answer);
        return this;
    }

    public OcspResponder fallback(Answer answer) {
        this.fallback = answer;
        return this;
    }

    public String url() {
        return uri().toString();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static byte[] malformed() {
        try {
            return new OCSPRespBuilder().build(OCSPRespBuilder.MALFORMED_REQUEST, null).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // --- response building ---

    /** Builds one signed response; start with {@link #response}. */
    public static final class Response {
        private CertificateID id;
        private CertificateStatus status = CertificateStatus.GOOD;
        private Instant thisUpdate = Instant.now().minus(Duration.ofHours(1));
        private Instant nextUpdate = Instant.now().plus(Duration.ofDays(3));
        private boolean noNextUpdate;
        private PrivateKey signerKey;
        private X509Certificate signerCert;
        private final List<X509Certificate> included = new ArrayList<>();

        private Response(CertificateID id, TestPki.Issued signer) {
            this.id = id;
            this.signerKey = signer.key();
            this.signerCert = signer.certificate();
        }

        public Response status(CertificateStatus value) {
            this.status = value;
            return this;
        }

        public Response window(Instant thisUpdate, Instant nextUpdate) {
            this.thisUpdate = thisUpdate;
            this.nextUpdate = nextUpdate;
            this.noNextUpdate = nextUpdate == null;
            return this;
        }

        /** Signs with this key but names {@code signer} as responder (a forged or broken signature). */
        public Response signedWith(PrivateKey key) {
            this.signerKey = key;
            return this;
        }

        /** Answers for another CertID than the requested one. */
        public Response about(CertificateID other) {
            this.id = other;
            return this;
        }

        /** Includes the certificate (e.g. the delegated responder's) in the response. */
        public Response including(X509Certificate certificate) {
            included.add(certificate);
            return this;
        }

        public byte[] encoded() throws Exception {
            X509CertificateHolder signer = new JcaX509CertificateHolder(signerCert);
            BasicOCSPRespBuilder b = new BasicOCSPRespBuilder(new RespID(X500Name.getInstance(signer.getSubject())));
            b.addResponse(id, status, Date.from(thisUpdate), noNextUpdate ? null : Date.from(nextUpdate), null);
            List<X509CertificateHolder> chain = new ArrayList<>();
            for (X509Certificate c : included) {
                chain.add(new JcaX509CertificateHolder(c));
            }
            String alg = signerKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            var basic = b.build(new JcaContentSignerBuilder(alg).build(signerKey), chain.toArray(X509CertificateHolder[]::new),
                    Date.from(Instant.now()));
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        }
    }

    /** A good response for {@code id}, valid from an hour ago for three days, signed by {@code signer}. */
    public static Response response(CertificateID id, TestPki.Issued signer) {
        return new Response(id, signer);
    }

    /** An OCSPResponse with only an error status (no response bytes), e.g. {@link OCSPResp#TRY_LATER}. */
    public static byte[] errorStatus(int status) throws Exception {
        return new OCSPRespBuilder().build(status, null).getEncoded();
    }
}
