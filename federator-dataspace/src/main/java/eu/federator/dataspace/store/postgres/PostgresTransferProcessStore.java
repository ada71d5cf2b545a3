package eu.federator.dataspace.store.postgres;

import eu.federator.dataspace.Result;
import eu.federator.dataspace.Role;
import eu.federator.dataspace.log.LogEvent;
import eu.federator.dataspace.outbox.OutboxEntry;
import eu.federator.dataspace.protocol.TransferProcessState;
import eu.federator.dataspace.transfer.Transfer;
import eu.federator.dataspace.transfer.TransferProcessStore;

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

/** {@link TransferProcessStore} on PostgreSQL (migration {@code V7__dataspace.sql}), plain JDBC. */
public final class PostgresTransferProcessStore implements TransferProcessStore {
    private static final String COLUMNS = "id, role, consumer_pid, provider_pid, agreement_id, format, counter_party_id, "
            + "counter_party_address, state, pending, data_address, version, created, updated";

    private final Jdbc jdbc;
    private final Clock clock;

    public PostgresTransferProcessStore(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource, "transfer store");
        this.clock = clock;
    }

    @Override
    public Result<Transfer> create(Transfer t, List<OutboxEntry> send, List<LogEvent> log) {
        return jdbc.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO dsp_transfers (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,1,?,?) "
                    + "ON CONFLICT DO NOTHING")) {
                ps.setString(1, t.id());
                ps.setString(2, t.role().name());
                ps.setString(3, t.consumerPid());
                ps.setString(4, t.providerPid());
                ps.setString(5, t.agreementId());
                ps.setString(6, t.format());
                ps.setString(7, t.counterPartyId());
                ps.setString(8, t.counterPartyAddress());
                ps.setString(9, Jdbc.name(t.position().state()));
                ps.setString(10, Jdbc.name(t.position().pending()));
                ps.setString(11, t.dataAddress());
                ps.setTimestamp(12, Timestamp.from(t.created()));
                ps.setTimestamp(13, Timestamp.from(t.updated()));
                if (ps.executeUpdate() == 0) {
                    return Result.<Transfer>failure("transfer " + t.id() + " exists already: pick a new process id");
                }
            }
            Jdbc.enqueue(c, "transfer", t.id(), send, clock.instant());
            Jdbc.log(c, log);
            return Result.success(select(c, "id = ?", t.id()).getFirst());
        });
    }

    @Override
    public Optional<Transfer> find(String id) {
        return jdbc.read(c -> select(c, "id = ?", id).stream().findFirst());
    }

    @Override
    public Result<Transfer> update(Transfer t, List<OutboxEntry> send, List<LogEvent> log) {
        return jdbc.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE dsp_transfers SET consumer_pid = ?, provider_pid = ?, "
                    + "counter_party_address = ?, state = ?, pending = ?, data_address = ?, version = version + 1, updated = ? "
                    + "WHERE id = ? AND version = ?")) {
                ps.setString(1, t.consumerPid());
                ps.setString(2, t.providerPid());
                ps.setString(3, t.counterPartyAddress());
                ps.setString(4, Jdbc.name(t.position().state()));
                ps.setString(5, Jdbc.name(t.position().pending()));
                ps.setString(6, t.dataAddress());
                ps.setTimestamp(7, Timestamp.from(t.updated()));
                ps.setString(8, t.id());
                ps.setLong(9, t.version());
                if (ps.executeUpdate() == 0) {
                    List<Transfer> now = select(c, "id = ?", t.id());
                    return Result.<Transfer>failure(now.isEmpty() ? "transfer " + t.id() + " does not exist"
                            : "transfer " + t.id() + " changed since it was read (version " + t.version() + ", now "
                            + now.getFirst().version() + "): read it again and decide again");
                }
            }
            Jdbc.enqueue(c, "transfer", t.id(), send, clock.instant());
            Jdbc.log(c, log);
            return Result.success(select(c, "id = ?", t.id()).getFirst());
        });
    }

    @Override
    public Optional<Transfer> findByCounterPartyPid(Role role, String counterPartyId, String counterPartyPid) {
        String column = role == Role.PROVIDER ? "consumer_pid" : "provider_pid";
        return jdbc.read(c -> select(c, "role = ? AND counter_party_id = ? AND " + column + " = ?", role.name(), counterPartyId,
                counterPartyPid).stream().findFirst());
    }

    @Override
    public List<Transfer> list(int offset, int limit) {
        return jdbc.read(c -> select(c, "TRUE ORDER BY updated DESC, id LIMIT " + Math.max(0, limit) + " OFFSET " + Math.max(0, offset)));
    }

    @Override
    public List<Transfer> byAgreement(String agreementId) {
        return jdbc.read(c -> select(c, "agreement_id = ? ORDER BY updated DESC, id", agreementId));
    }

    private static List<Transfer> select(Connection c, String where, String... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM dsp_transfers WHERE " + where)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            List<Transfer> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new Transfer(rs.getString("id"), Role.valueOf(rs.getString("role")), rs.getString("consumer_pid"),
                            rs.getString("provider_pid"), rs.getString("agreement_id"), rs.getString("format"),
                            rs.getString("counter_party_id"), rs.getString("counter_party_address"),
                            Jdbc.position(rs, TransferProcessState.class), rs.getString("data_address"), rs.getLong("version"),
                            Jdbc.instant(rs, "created"), Jdbc.instant(rs, "updated")));
                }
            }
            return found;
        }
    }
}
