package eu.federator.dataspace.evidence;

import eu.federator.dataspace.Role;
import eu.federator.dataspace.internal.Sql;
import eu.federator.dataspace.log.LogEvent;
import eu.federator.dataspace.log.PostgresExchangeLog;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The issued agreement credentials on PostgreSQL (migration {@code V12}). */
public final class AgreementStore {
    private static final String COLUMNS = "agreement_id, role, negotiation_id, consumer_pid, provider_pid, counter_party_id, target, "
            + "assigner, assignee, agreement, credential_id, credential, log_token, log_token_expires, issued";

    private final Sql sql;

    public AgreementStore(DataSource dataSource) {
        this.sql = new Sql(dataSource, "agreement store");
    }

    /**
     * Stores the record and queues its exchange-log event in one transaction, unless this side already holds the agreement
     * (or the negotiation); returns what is stored, so that a repeated or concurrent issuance keeps the first credential.
     */
    public AgreementRecord storeOnce(AgreementRecord r, LogEvent event) {
        return sql.transaction(c -> {
            int inserted;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO dsp_agreements (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                    + "ON CONFLICT DO NOTHING")) {
                ps.setString(1, r.agreementId());
                ps.setString(2, r.role().name());
                ps.setString(3, r.negotiationId());
                ps.setString(4, r.consumerPid());
                ps.setString(5, r.providerPid());
                ps.setString(6, r.counterPartyId());
                ps.setString(7, r.target());
                ps.setString(8, r.assigner());
                ps.setString(9, r.assignee());
                ps.setString(10, r.agreement());
                ps.setString(11, r.credentialId());
                ps.setString(12, r.credential());
                ps.setString(13, r.logToken());
                ps.setTimestamp(14, Timestamp.from(r.logTokenExpires()));
                ps.setTimestamp(15, Timestamp.from(r.issued()));
                inserted = ps.executeUpdate();
            }
            if (inserted == 1) {
                PostgresExchangeLog.queue(c, List.of(event));
                return r;
            }
            return select(c, "(agreement_id = ? AND role = ?) OR negotiation_id = ?", r.agreementId(), r.role().name(), r.negotiationId())
                    .getFirst();
        });
    }

    public Optional<AgreementRecord> findByNegotiation(String negotiationId) {
        return sql.read(c -> select(c, "negotiation_id = ?", negotiationId).stream().findFirst());
    }

    /** This side's records of the agreement: one, or two when this connector negotiated with itself (provider first). */
    public List<AgreementRecord> find(String agreementId) {
        return sql.read(c -> select(c, "agreement_id = ? ORDER BY role DESC", agreementId));
    }

    /** Most recently issued first. */
    public List<AgreementRecord> list(int offset, int limit) {
        return sql.read(c -> select(c, "TRUE ORDER BY issued DESC, agreement_id, role LIMIT " + Math.max(0, limit) + " OFFSET "
                + Math.max(0, offset)));
    }

    /**
     * Ids of this side's finalized negotiations that have no credential yet (e.g. the process stopped before it was
     * issued), in id order after {@code after} ("" for the first page).
     */
    public List<String> finalizedWithoutCredential(String after, int limit) {
        return sql.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT n.id FROM dsp_negotiations n WHERE n.state = 'FINALIZED' AND n.id > ? "
                    + "AND NOT EXISTS (SELECT 1 FROM dsp_agreements a WHERE a.negotiation_id = n.id) ORDER BY n.id LIMIT ?")) {
                ps.setString(1, after);
                ps.setInt(2, limit);
                List<String> ids = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
                return ids;
            }
        });
    }

    public void replaceLogToken(AgreementRecord r) {
        sql.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE dsp_agreements SET log_token = ?, log_token_expires = ? "
                    + "WHERE agreement_id = ? AND role = ?")) {
                ps.setString(1, r.logToken());
                ps.setTimestamp(2, Timestamp.from(r.logTokenExpires()));
                ps.setString(3, r.agreementId());
                ps.setString(4, r.role().name());
                return ps.executeUpdate();
            }
        });
    }

    private static List<AgreementRecord> select(Connection c, String where, String... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM dsp_agreements WHERE " + where)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            List<AgreementRecord> records = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    records.add(new AgreementRecord(rs.getString("agreement_id"), Role.valueOf(rs.getString("role")),
                            rs.getString("negotiation_id"), rs.getString("consumer_pid"), rs.getString("provider_pid"),
                            rs.getString("counter_party_id"), rs.getString("target"), rs.getString("assigner"), rs.getString("assignee"),
                            rs.getString("agreement"), rs.getString("credential_id"), rs.getString("credential"), rs.getString("log_token"),
                            rs.getTimestamp("log_token_expires").toInstant(), rs.getTimestamp("issued").toInstant()));
                }
            }
            return records;
        }
    }
}
