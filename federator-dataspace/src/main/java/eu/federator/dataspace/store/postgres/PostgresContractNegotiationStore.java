package eu.federator.dataspace.store.postgres;

import eu.federator.dataspace.Result;
import eu.federator.dataspace.Role;
import eu.federator.dataspace.negotiation.ContractNegotiationStore;
import eu.federator.dataspace.negotiation.Negotiation;
import eu.federator.dataspace.log.LogEvent;
import eu.federator.dataspace.outbox.OutboxEntry;
import eu.federator.dataspace.protocol.ContractNegotiationState;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link ContractNegotiationStore} on PostgreSQL (migration {@code V7__dataspace.sql}), plain JDBC. */
public final class PostgresContractNegotiationStore implements ContractNegotiationStore {
    private static final String COLUMNS = "id, role, consumer_pid, provider_pid, counter_party_id, counter_party_address, state, pending, "
            + "offer, agreement, version, created, updated";

    private final Jdbc jdbc;
    private final Clock clock;

    public PostgresContractNegotiationStore(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource, "negotiation store");
        this.clock = clock;
    }

    @Override
    public Result<Negotiation> create(Negotiation n, List<OutboxEntry> send, List<LogEvent> log) {
        return jdbc.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO dsp_negotiations (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,1,?,?) "
                    + "ON CONFLICT DO NOTHING")) {
                bind(ps, n);
                ps.setTimestamp(11, Timestamp.from(n.created()));
                ps.setTimestamp(12, Timestamp.from(n.updated()));
                if (ps.executeUpdate() == 0) {
                    return Result.<Negotiation>failure("negotiation " + n.id() + " exists already (or " + n.counterPartyId()
                            + " reused its pid): pick a new process id");
                }
            }
            Jdbc.enqueue(c, "negotiation", n.id(), send, clock.instant());
            Jdbc.log(c, log);
            return Result.success(select(c, "id = ?", n.id()).getFirst());
        });
    }

    @Override
    public Optional<Negotiation> find(String id) {
        return jdbc.read(c -> select(c, "id = ?", id).stream().findFirst());
    }

    @Override
    public Optional<Negotiation> findByCounterPartyPid(Role role, String counterPartyId, String counterPartyPid) {
        String column = role == Role.PROVIDER ? "consumer_pid" : "provider_pid";
        return jdbc.read(c -> select(c, "role = ? AND counter_party_id = ? AND " + column + " = ?", role.name(), counterPartyId,
                counterPartyPid).stream().findFirst());
    }

    @Override
    public Result<Negotiation> update(Negotiation n, List<OutboxEntry> send, List<LogEvent> log) {
        return jdbc.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE dsp_negotiations SET consumer_pid = ?, provider_pid = ?, "
                    + "counter_party_address = ?, state = ?, pending = ?, offer = ?, agreement = ?, version = version + 1, updated = ? "
                    + "WHERE id = ? AND version = ?")) {
                ps.setString(1, n.consumerPid());
                ps.setString(2, n.providerPid());
                ps.setString(3, n.counterPartyAddress());
                ps.setString(4, Jdbc.name(n.position().state()));
                ps.setString(5, Jdbc.name(n.position().pending()));
                ps.setString(6, n.offer());
                ps.setString(7, n.agreement());
                ps.setTimestamp(8, Timestamp.from(n.updated()));
                ps.setString(9, n.id());
                ps.setLong(10, n.version());
                if (ps.executeUpdate() == 0) {
                    List<Negotiation> now = select(c, "id = ?", n.id());
                    return Result.<Negotiation>failure(now.isEmpty() ? "negotiation " + n.id() + " does not exist"
                            : "negotiation " + n.id() + " changed since it was read (version " + n.version() + ", now "
                            + now.getFirst().version() + "): read it again and decide again");
                }
            }
            Jdbc.enqueue(c, "negotiation", n.id(), send, clock.instant());
            Jdbc.log(c, log);
            return Result.success(select(c, "id = ?", n.id()).getFirst());
        });
    }

    @Override
    public Optional<Negotiation> findByAgreementId(String agreementId) {
        return jdbc.read(c -> select(c, "agreement IS NOT NULL AND agreement::jsonb ->> '@id' = ?", agreementId).stream().findFirst());
    }

    @Override
    public List<Negotiation> list(int offset, int limit) {
        return jdbc.read(c -> select(c, "TRUE ORDER BY updated DESC, id LIMIT " + Math.max(0, limit) + " OFFSET " + Math.max(0, offset)));
    }

    private static void bind(PreparedStatement ps, Negotiation n) throws SQLException {
        ps.setString(1, n.id());
        ps.setString(2, n.role().name());
        ps.setString(3, n.consumerPid());
        ps.setString(4, n.providerPid());
        ps.setString(5, n.counterPartyId());
        ps.setString(6, n.counterPartyAddress());
        ps.setString(7, Jdbc.name(n.position().state()));
        ps.setString(8, Jdbc.name(n.position().pending()));
        ps.setString(9, n.offer());
        ps.setString(10, n.agreement());
    }

    private static List<Negotiation> select(Connection c, String where, String... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM dsp_negotiations WHERE " + where)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            List<Negotiation> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new Negotiation(rs.getString("id"), Role.valueOf(rs.getString("role")), rs.getString("consumer_pid"),
                            rs.getString("provider_pid"), rs.getString("counter_party_id"), rs.getString("counter_party_address"),
                            Jdbc.position(rs, ContractNegotiationState.class), rs.getString("offer"), rs.getString("agreement"),
                            rs.getLong("version"), Jdbc.instant(rs, "created"), Jdbc.instant(rs, "updated")));
                }
            }
            return found;
        }
    }
}
