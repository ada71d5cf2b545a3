package eu.federator.server.security;

import eu.federator.server.config.ConfigurationError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The local-mode admin bearer token: the configured one ({@code FEDERATOR_ADMIN_TOKEN}) or the one in
 * {@code <data-dir>/admin-token}, generated at first start (256 random bits, base64url, file mode 0600) and reused
 * afterwards. Only a SHA-256 digest is kept in memory; {@link #matches} compares digests in constant time. The token
 * itself is never logged and {@link #toString()} does not show it.
 */
final class LocalAdminToken {
    static final String FILE_NAME = "admin-token";
    static final int MIN_LENGTH = 16;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** Where the token came from, for the start-up log line. */
    enum Source { CONFIGURED, GENERATED, FILE }

    private final byte[] digest;
    private final Source source;
    private final Path file;

    private LocalAdminToken(String token, Source source, Path file) {
        this.digest = sha256(token);
        this.source = source;
        this.file = file;
    }

    /** The configured token if there is one, else the token file in {@code dataDir} (created if missing). */
    static LocalAdminToken resolve(String configured, Path dataDir) {
        if (configured != null) {
            if (configured.length() < MIN_LENGTH) {
                throw new ConfigurationError("federator.security.admin-token (FEDERATOR_ADMIN_TOKEN) is shorter than " + MIN_LENGTH
                        + " characters", "Use a long random value, e.g. the output of 'openssl rand -base64 32', or unset it to have "
                        + "one generated into <data-dir>/" + FILE_NAME + ".");
            }
            return new LocalAdminToken(configured, Source.CONFIGURED, null);
        }
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                String token = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (token.length() >= MIN_LENGTH) {
                    if (Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class) != null
                            && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                        Files.setPosixFilePermissions(file, OWNER_ONLY);
                    }
                    return new LocalAdminToken(token, Source.FILE, file);
                }
                // empty or truncated (e.g. a crash while writing): replace it
            }
            Files.createDirectories(dataDir);
            String token = generate();
            Path tmp = Files.createTempFile(dataDir, ".admin-token", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            try {
                Files.writeString(tmp, token + "\n", StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return new LocalAdminToken(token, Source.GENERATED, file);
        } catch (IOException e) {
            throw new ConfigurationError("The admin token file " + file + " cannot be read or written: " + e.getMessage(),
                    "Make the data directory (federator.data-dir) writable, or set FEDERATOR_ADMIN_TOKEN.");
        }
    }

    static String generate() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Constant-time comparison (of SHA-256 digests, so the length of the token does not leak either). */
    boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    Source source() {
        return source;
    }

    /** The token file, or {@code null} when the token is configured. */
    Path file() {
        return file;
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "LocalAdminToken[" + source + (file != null ? ", " + file : "") + "]";
    }
}
