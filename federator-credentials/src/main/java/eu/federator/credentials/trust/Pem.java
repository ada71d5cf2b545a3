package eu.federator.credentials.trust;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Reads PEM certificate bundles with messages that say which block on which line is wrong. */
final class Pem {
    private Pem() {
    }

    static final class PemException extends Exception {
        PemException(String message) {
            super(message);
        }

        PemException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * @param source names the bundle in messages (a file or URL)
     * @return the certificates in file order
     * @throws PemException when there is no certificate, a block is unterminated, not base64, not a certificate,
     *                      or the bundle holds a private key
     */
    static List<X509Certificate> certificates(byte[] bytes, String source) throws PemException {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        String[] lines = text.split("\r\n|\r|\n", -1);
        List<X509Certificate> out = new ArrayList<>();
        CertificateFactory factory = factory();
        String blockType = null;
        int blockLine = 0;
        StringBuilder base64 = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int lineNo = i + 1;
            if (line.startsWith("-----BEGIN ") && line.endsWith("-----")) {
                if (blockType != null) {
                    throw new PemException(source + ": line " + lineNo + " begins a new PEM block, but the " + blockType
                            + " block from line " + blockLine + " has no END line");
                }
                blockType = line.substring("-----BEGIN ".length(), line.length() - 5);
                blockLine = lineNo;
                if (blockType.contains("PRIVATE KEY")) {
                    throw new PemException(source + ": line " + lineNo + " begins a " + blockType
                            + " block; a certificate bundle must not contain private keys");
                }
                base64 = new StringBuilder();
            } else if (line.startsWith("-----END ") && line.endsWith("-----")) {
                String endType = line.substring("-----END ".length(), line.length() - 5);
                if (blockType == null || !blockType.equals(endType)) {
                    throw new PemException(source + ": line " + lineNo + " ends a " + endType + " block that was not begun");
                }
                if (blockType.equals("CERTIFICATE")) {
                    out.add(parse(factory, base64.toString(), source, out.size() + 1, blockLine));
                } else if (blockType.equals("TRUSTED CERTIFICATE")) {
                    throw new PemException(source + ": line " + blockLine + " begins an OpenSSL TRUSTED CERTIFICATE block;"
                            + " convert it to a plain CERTIFICATE (openssl x509 -in FILE)");
                }
                // other blocks (e.g. X509 CRL, parameters) are skipped
                blockType = null;
                base64 = null;
            } else if (blockType != null) {
                if (!line.contains(":")) { // RFC 1421 headers ("Proc-Type: ...") are skipped
                    base64.append(line);
                }
            }
        }
        if (blockType != null) {
            throw new PemException(source + ": the " + blockType + " block that begins on line " + blockLine + " has no END line");
        }
        if (out.isEmpty()) {
            throw new PemException(source + " contains no PEM certificate (no \"-----BEGIN CERTIFICATE-----\" block)");
        }
        return out;
    }

    private static X509Certificate parse(CertificateFactory factory, String base64, String source, int number, int line)
            throws PemException {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new PemException(source + ": certificate #" + number + " (line " + line + ") is not valid base64: "
                    + e.getMessage(), e);
        }
        try {
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw new PemException(source + ": certificate #" + number + " (line " + line
                    + ") is not a valid X.509 certificate: " + e.getMessage(), e);
        }
    }

    static CertificateFactory factory() {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("X.509 not available", e);
        }
    }
}
