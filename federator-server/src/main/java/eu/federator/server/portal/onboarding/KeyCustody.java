package eu.federator.server.portal.onboarding;

import com.nimbusds.jose.jwk.JWK;
import eu.federator.server.config.ConfigurationError;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Custody of the hosted private keys: each is stored encrypted with AES-256-GCM under the key-encryption key
 * ({@code federator.portal.key-encryption-key}, or one generated once into {@code <data-dir>/portal/key-encryption.key},
 * mode 0600). The identity's DID is the additional authenticated data, so a ciphertext moved to another identity's row
 * does not decrypt. Stored form: version byte 1, 12-byte random nonce, ciphertext with the 16-byte tag.
 */
public final class KeyCustody {
    static final String KEY_FILE = "key-encryption.key";
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    KeyCustody(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the key-encryption key must be 256 bits (32 bytes), not " + key.length + " bytes");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** The configured key (base64), else the one in {@code <portalDir>/key-encryption.key}, generated there on first use. */
    static KeyCustody load(String configuredBase64, Path portalDir) {
        if (configuredBase64 != null && !configuredBase64.isBlank()) {
            return new KeyCustody(decode(configuredBase64, "federator.portal.key-encryption-key",
                    "Set federator.portal.key-encryption-key to the base64 of 32 random bytes (e.g. openssl rand -base64 32), or remove it to use a generated key."));
        }
        Path file = portalDir.resolve(KEY_FILE);
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                RANDOM.nextBytes(fresh);
                writeOwnerOnly(file, Base64.getEncoder().encodeToString(fresh) + "\n");
            }
            return new KeyCustody(decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString(),
                    "Restore the file from your backup (without it the hosted keys cannot be decrypted), or set federator.portal.key-encryption-key."));
        } catch (IOException e) {
            throw new ConfigurationError("cannot read or create the key-encryption key " + file + ": " + e.getMessage(),
                    "Make federator.data-dir writable, or set federator.portal.key-encryption-key.");
        }
    }

    private static byte[] decode(String base64, String where, String action) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationError(where + " is not base64", action);
        }
        if (bytes.length != 32) {
            throw new ConfigurationError(where + " holds " + bytes.length + " bytes, but the key-encryption key must be 32 bytes (AES-256)", action);
        }
        return bytes;
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        Path tmp = posix ? Files.createTempFile(dir, ".kek", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, ".kek", ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.US_ASCII);
            Files.move(tmp, file); // no replace: if another start wrote one first, keep that one
        } catch (FileAlreadyExistsException e) {
            // lost the race; the existing key is read by the caller
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Encrypts a private JWK for the identity {@code did}. */
    byte[] seal(JWK privateKey, String did) {
        byte[] plain = privateKey.toJSONString().getBytes(StandardCharsets.UTF_8);
        try {
            return seal(plain, did);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * Decrypts what {@link #seal(JWK, String)} stored for {@code did}.
     *
     * @throws OnboardingException when the ciphertext was altered, belongs to another identity, or was sealed with another key
     */
    JWK open(byte[] sealed, String did) {
        byte[] plain = open0(sealed, did);
        try {
            return JWK.parse(new String(plain, StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw new OnboardingException("the stored key of " + did + " decrypts to no key: it is damaged; create a new identity");
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    byte[] seal(byte[] plain, String did) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(did));
            byte[] ciphertext = cipher.doFinal(plain);
            return ByteBuffer.allocate(1 + NONCE_BYTES + ciphertext.length).put(VERSION).put(nonce).put(ciphertext).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this Java runtime: " + e.getMessage(), e);
        }
    }

    byte[] open0(byte[] sealed, String did) {
        if (sealed == null || sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new OnboardingException("the stored key of " + did + " is not in the expected format (version 1, AES-256-GCM): it is damaged");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            cipher.updateAAD(aad(did));
            return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new OnboardingException("the stored key of " + did + " cannot be decrypted: it was altered, belongs to another identity, "
                    + "or the key-encryption key changed (restore federator.portal.key-encryption-key / <data-dir>/portal/" + KEY_FILE + ")");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this Java runtime: " + e.getMessage(), e);
        }
    }

    private static byte[] aad(String did) {
        return ("federator hosted key v1 " + did).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "KeyCustody[AES-256-GCM]";
    }
}
