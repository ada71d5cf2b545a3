package eu.federator.credentials.keys;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** PEM encoding and decoding of X.509 certificate chains. */
public final class Certificates {
    private Certificates() {
    }

    /** PEM of the certificates in the given order (for a chain: leaf first, as x5u expects). */
    public static String toPem(List<X509Certificate> certificates) {
        StringBuilder out = new StringBuilder();
        for (X509Certificate c : certificates) {
            try {
                out.append(PrivateKeys.pem("CERTIFICATE", c.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException("cannot encode certificate " + c.getSubjectX500Principal(), e);
            }
        }
        return out.toString();
    }

    /** Every certificate of a PEM text, in order. */
    public static List<X509Certificate> readPem(String pem) throws KeyMaterialException {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new KeyMaterialException("no certificate found (expected -----BEGIN CERTIFICATE-----)");
            }
            return out;
        } catch (CertificateException e) {
            throw new KeyMaterialException("not a readable PEM certificate list: " + e.getMessage(), e);
        }
    }

    public static List<X509Certificate> readPem(Path file) throws KeyMaterialException {
        try {
            return readPem(new String(PrivateKeys.readFile(file, "certificate"), StandardCharsets.US_ASCII));
        } catch (KeyMaterialException e) {
            throw new KeyMaterialException(e.getMessage().startsWith("certificate file") ? e.getMessage() : file + ": " + e.getMessage(), e.getCause());
        }
    }

    static X509Certificate toX509(X509CertificateHolder holder) throws KeyMaterialException {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new KeyMaterialException("unreadable certificate " + holder.getSubject() + ": " + e.getMessage(), e);
        }
    }
}
