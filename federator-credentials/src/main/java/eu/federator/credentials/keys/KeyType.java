package eu.federator.credentials.keys;

import com.nimbusds.jose.jwk.JWK;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Locale;

/** The key types Federator generates; each maps to one JWS algorithm (see {@code JwsAlgorithms#defaultAlgorithm}). */
public enum KeyType {
    RSA_2048("rsa", "RSA 2048 (PS256)"),
    RSA_3072("rsa-3072", "RSA 3072 (PS256)"),
    EC_P256("ec-p256", "EC P-256 (ES256)"),
    EC_P384("ec-p384", "EC P-384 (ES384)"),
    ED25519("ed25519", "Ed25519 (EdDSA)");

    private final String label;
    private final String description;

    KeyType(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** The name used on the command line, e.g. {@code ec-p256}. */
    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** @throws IllegalArgumentException naming the accepted labels */
    public static KeyType fromLabel(String label) {
        String wanted = label == null ? "" : label.trim().toLowerCase(Locale.ROOT);
        for (KeyType t : values()) {
            if (t.label.equals(wanted) || t.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(wanted)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown key type '" + label + "'; use one of "
                + String.join(", ", Arrays.stream(values()).map(KeyType::label).toList()));
    }

    /** Generates a fresh key pair with the JDK's providers and returns it as a private JWK. */
    public JWK generate() {
        try {
            KeyPairGenerator generator = switch (this) {
                case RSA_2048, RSA_3072 -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(this == RSA_2048 ? 2048 : 3072);
                    yield g;
                }
                case EC_P256, EC_P384 -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec(this == EC_P256 ? "secp256r1" : "secp384r1"));
                    yield g;
                }
                case ED25519 -> KeyPairGenerator.getInstance("Ed25519");
            };
            return Jwks.fromKeyPair(generator.generateKeyPair());
        } catch (GeneralSecurityException | KeyMaterialException e) {
            throw new IllegalStateException("this Java runtime cannot generate " + description + " keys: " + e.getMessage(), e);
        }
    }
}
