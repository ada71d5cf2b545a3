package eu.federator.server.portal.onboarding;

import com.nimbusds.jose.jwk.JWK;
import eu.federator.credentials.keys.KeyMaterialException;
import eu.federator.credentials.keys.PrivateKeys;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The table {@code portal_hosted_identity}: hosted DID documents, chains and encrypted keys. */
public final class HostedIdentities {
    private static final String COLUMNS = "name, did, owner, key_type, document, chain_pem, lab_ca, created_at, key_exported_at";
    private static final RowMapper<HostedIdentity> ROW = (rs, i) -> new HostedIdentity(rs.getString("name"), rs.getString("did"),
            rs.getString("owner"), rs.getString("key_type"), rs.getString("document"), rs.getString("chain_pem"), rs.getBoolean("lab_ca"),
            instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("key_exported_at")));

    private final JdbcTemplate jdbc;
    private final KeyCustody custody;

    public HostedIdentities(JdbcTemplate jdbc, KeyCustody custody) {
        this.jdbc = jdbc;
        this.custody = custody;
    }

    public Optional<HostedIdentity> byName(String name) {
        return first(jdbc.query("SELECT " + COLUMNS + " FROM portal_hosted_identity WHERE name = ?", ROW, name));
    }

    public Optional<HostedIdentity> byOwner(String owner) {
        return first(jdbc.query("SELECT " + COLUMNS + " FROM portal_hosted_identity WHERE owner = ?", ROW, owner));
    }

    /** Stores a new identity with its key encrypted (call inside the step's transaction). */
    void insert(HostedIdentity identity, JWK privateKey) {
        jdbc.update("INSERT INTO portal_hosted_identity (name, did, owner, key_type, document, chain_pem, lab_ca, private_key) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", identity.name(), identity.did(), identity.owner(), identity.keyType(),
                identity.document(), identity.chainPem(), identity.labCa(), custody.seal(privateKey, identity.did()));
    }

    /** The decrypted signing key of the identity (for signing in this process only). */
    JWK privateKey(HostedIdentity identity) {
        byte[] sealed = jdbc.queryForObject("SELECT private_key FROM portal_hosted_identity WHERE name = ?", byte[].class, identity.name());
        return custody.open(sealed, identity.did());
    }

    /**
     * The private key as PKCS#8 PEM, once: the export is recorded, and a second call is refused.
     *
     * @throws OnboardingException when it was exported before
     */
    String exportOnce(HostedIdentity identity) {
        int marked = jdbc.update("UPDATE portal_hosted_identity SET key_exported_at = now() WHERE name = ? AND key_exported_at IS NULL",
                identity.name());
        if (marked == 0) {
            throw new OnboardingException("the private key of " + identity.did() + " was exported already"
                    + (identity.keyExported() != null ? " (" + identity.keyExported() + ")" : "")
                    + "; it can be exported only once: use the copy made then");
        }
        try {
            return PrivateKeys.toPem(privateKey(identity));
        } catch (KeyMaterialException e) {
            throw new OnboardingException("the key of " + identity.did() + " cannot be written as PEM: " + e.getMessage(), e);
        }
    }

    private static Optional<HostedIdentity> first(List<HostedIdentity> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
