package eu.federator.credentials.keys;

import com.nimbusds.jose.jwk.JWK;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.util.io.pem.PemObject;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/**
 * Reads private keys into Nimbus {@link JWK}s and writes them back as PEM.
 * <ul>
 *   <li>PEM: PKCS#8 ({@code PRIVATE KEY}), encrypted PKCS#8 ({@code ENCRYPTED PRIVATE KEY}, needs the password),
 *       PKCS#1 ({@code RSA PRIVATE KEY}), SEC1 ({@code EC PRIVATE KEY}), OpenSSL legacy-encrypted PKCS#1/SEC1;
 *       certificates in the same file become the key's {@code x5c} (leaf first, in file order).</li>
 *   <li>PKCS#12 ({@code .p12}/{@code .pfx} or any non-PEM file): the entry with the given alias, or the only
 *       key entry; the store password is also used for the key.</li>
 * </ul>
 */
public final class PrivateKeys {
    // Not registered globally: only used for PBE decryption/encryption of PEM files.
    private static final Provider BC = new BouncyCastleProvider();

    private PrivateKeys() {
    }

    /**
     * @param password may be null for unencrypted PEM files
     * @param alias    PKCS#12 entry alias; null to take the only key entry
     */
    public static JWK load(Path file, char[] password, String alias) throws KeyMaterialException {
        byte[] bytes = readFile(file, "key");
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        boolean pem = startsWithPem(bytes);
        if (!pem || name.endsWith(".p12") || name.endsWith(".pfx")) {
            if (pem) {
                throw new KeyMaterialException(file + " is a PEM file although its name says PKCS#12: rename it to .pem");
            }
            return withSource(file, () -> readPkcs12(bytes, password, alias));
        }
        if (alias != null) {
            throw new KeyMaterialException("a key alias was given, but " + file + " is a PEM file (aliases exist only in PKCS#12 keystores)");
        }
        return withSource(file, () -> readPem(new String(bytes, StandardCharsets.US_ASCII), password));
    }

    /** Reads the first private key of a PEM text; certificates in it become {@code x5c}. */
    public static JWK readPem(String pem, char[] password) throws KeyMaterialException {
        PrivateKeyInfo keyInfo = null;
        List<X509Certificate> certificates = new ArrayList<>();
        boolean sawPublicKey = false;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof X509CertificateHolder holder) {
                    certificates.add(Certificates.toX509(holder));
                    continue;
                }
                if (keyInfo != null) {
                    if (object instanceof PrivateKeyInfo || object instanceof PEMKeyPair || object instanceof PEMEncryptedKeyPair
                            || object instanceof PKCS8EncryptedPrivateKeyInfo) {
                        throw new KeyMaterialException("the PEM contains more than one private key: keep only the signing key");
                    }
                    continue;
                }
                switch (object) {
                    case PrivateKeyInfo info -> keyInfo = info;
                    case PEMKeyPair pair -> keyInfo = pair.getPrivateKeyInfo();
                    case PKCS8EncryptedPrivateKeyInfo encrypted -> keyInfo = decrypt(encrypted, password);
                    case PEMEncryptedKeyPair encrypted -> keyInfo = decrypt(encrypted, password);
                    case org.bouncycastle.asn1.x509.SubjectPublicKeyInfo ignored -> sawPublicKey = true;
                    default -> {
                    }
                }
            }
        } catch (IOException e) {
            throw new KeyMaterialException("not a readable PEM private key: " + e.getMessage(), e);
        }
        if (keyInfo == null) {
            if (sawPublicKey || !certificates.isEmpty()) {
                throw new KeyMaterialException("the PEM holds only " + (sawPublicKey ? "a public key" : "certificates")
                        + ", no private key: give the private key file");
            }
            if (pem.contains("OPENSSH PRIVATE KEY")) {
                throw new KeyMaterialException("OpenSSH private keys are not supported: convert with "
                        + "'ssh-keygen -p -m PKCS8 -f FILE' or export a PKCS#8 PEM");
            }
            throw new KeyMaterialException("no private key found in the PEM (expected -----BEGIN PRIVATE KEY----- "
                    + "or ENCRYPTED PRIVATE KEY, RSA PRIVATE KEY, EC PRIVATE KEY)");
        }
        return Jwks.withCertificateChain(Jwks.fromPrivateKeyInfo(keyInfo), certificates);
    }

    /** Reads a key entry of a PKCS#12 keystore; its certificate chain becomes {@code x5c}. */
    public static JWK readPkcs12(byte[] keystore, char[] password, String alias) throws KeyMaterialException {
        char[] pw = password == null ? new char[0] : password;
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(keystore), pw);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("password")) {
                throw new KeyMaterialException(password == null || password.length == 0
                        ? "the PKCS#12 keystore is password-protected: give its password"
                        : "wrong password for the PKCS#12 keystore", e);
            }
            throw new KeyMaterialException("not a PEM file and not a readable PKCS#12 keystore: " + e.getMessage(), e);
        } catch (java.security.GeneralSecurityException e) {
            throw new KeyMaterialException("cannot read the PKCS#12 keystore: " + e.getMessage(), e);
        }
        try {
            List<String> keyAliases = new ArrayList<>();
            for (String a : Collections.list(store.aliases())) {
                if (store.isKeyEntry(a)) {
                    keyAliases.add(a);
                }
            }
            String chosen = alias;
            if (chosen == null) {
                if (keyAliases.size() != 1) {
                    throw new KeyMaterialException(keyAliases.isEmpty() ? "the PKCS#12 keystore holds no private key"
                            : "the PKCS#12 keystore holds " + keyAliases.size() + " keys: choose one by alias ("
                            + String.join(", ", keyAliases) + ")");
                }
                chosen = keyAliases.getFirst();
            } else if (!keyAliases.contains(chosen)) {
                throw new KeyMaterialException("no private key with alias '" + alias + "' in the PKCS#12 keystore; key aliases: "
                        + (keyAliases.isEmpty() ? "(none)" : String.join(", ", keyAliases)));
            }
            Key key;
            try {
                key = store.getKey(chosen, pw);
            } catch (UnrecoverableKeyException e) {
                throw new KeyMaterialException("wrong password for key '" + chosen + "' (the key password must equal the keystore password)", e);
            }
            if (!(key instanceof PrivateKey privateKey)) {
                throw new KeyMaterialException("entry '" + chosen + "' is not a private key");
            }
            List<X509Certificate> chain = new ArrayList<>();
            Certificate[] certificates = store.getCertificateChain(chosen);
            if (certificates != null) {
                for (Certificate c : certificates) {
                    if (c instanceof X509Certificate x509) {
                        chain.add(x509);
                    }
                }
            }
            return Jwks.withCertificateChain(Jwks.fromPrivateKey(privateKey), chain);
        } catch (java.security.GeneralSecurityException e) {
            throw new KeyMaterialException("cannot read the PKCS#12 keystore: " + e.getMessage(), e);
        }
    }

    /** Unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}) of a private JWK. */
    public static String toPem(JWK privateKey) throws KeyMaterialException {
        return pem("PRIVATE KEY", Jwks.privateKey(privateKey).getEncoded());
    }

    /** Encrypted PKCS#8 PEM (PBES2, AES-256-CBC, PBKDF2-HMAC-SHA256) of a private JWK. */
    public static String toEncryptedPem(JWK privateKey, char[] password) throws KeyMaterialException {
        if (password == null || password.length == 0) {
            throw new KeyMaterialException("an empty password cannot protect a key");
        }
        try {
            var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                    .setProvider(BC)
                    .setPRF(org.bouncycastle.openssl.PKCS8Generator.PRF_HMACSHA256)
                    .setIterationCount(100_000)
                    .setPassword(password)
                    .build();
            PemObject object = new JcaPKCS8Generator(Jwks.privateKey(privateKey), encryptor).generate();
            StringWriter out = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
                writer.writeObject(object);
            }
            return out.toString();
        } catch (OperatorCreationException | IOException e) {
            throw new KeyMaterialException("cannot encrypt the private key: " + e.getMessage(), e);
        }
    }

    /** Writes an unencrypted PKCS#8 PEM readable only by the owner (0600 where the file system supports it). */
    public static void writePem(JWK privateKey, Path file) throws KeyMaterialException {
        FileSecurity.writeOwnerOnly(file, toPem(privateKey));
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    static byte[] readFile(Path file, String what) throws KeyMaterialException {
        try {
            if (Files.isDirectory(file)) {
                throw new KeyMaterialException(file + " is a directory, not a " + what + " file");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new KeyMaterialException(what + " file " + file + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new KeyMaterialException(what + " file " + file + " is not readable (permission denied)", e);
        } catch (IOException e) {
            throw new KeyMaterialException("cannot read " + what + " file " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean startsWithPem(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1);
        return head.contains("-----BEGIN ");
    }

    private static PrivateKeyInfo decrypt(PKCS8EncryptedPrivateKeyInfo encrypted, char[] password) throws KeyMaterialException {
        requirePassword(password);
        try {
            return encrypted.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(password));
        } catch (PKCSException e) {
            throw new KeyMaterialException("cannot decrypt the private key: wrong password (or an unsupported encryption scheme)", e);
        } catch (OperatorCreationException e) {
            throw new KeyMaterialException("unsupported private key encryption: " + e.getMessage(), e);
        }
    }

    private static PrivateKeyInfo decrypt(PEMEncryptedKeyPair encrypted, char[] password) throws KeyMaterialException {
        requirePassword(password);
        try {
            return encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(BC).build(password)).getPrivateKeyInfo();
        } catch (IOException e) {
            throw new KeyMaterialException("cannot decrypt the private key: wrong password (or an unsupported encryption scheme)", e);
        }
    }

    private static void requirePassword(char[] password) throws KeyMaterialException {
        if (password == null || password.length == 0) {
            throw new KeyMaterialException("the private key is encrypted: give its password");
        }
    }

    private interface Reader {
        JWK read() throws KeyMaterialException;
    }

    private static JWK withSource(Path file, Reader reader) throws KeyMaterialException {
        try {
            return reader.read();
        } catch (KeyMaterialException e) {
            throw new KeyMaterialException(file + ": " + e.getMessage(), e.getCause());
        }
    }
}
