package eu.federator.server.dataspace.dataplane;

import eu.federator.dataspace.Result;
import eu.federator.dataspace.dataplane.DataFlow;
import eu.federator.dataspace.negotiation.NegotiationService;
import eu.federator.dataspace.protocol.DspJson;
import eu.federator.dataspace.protocol.DspMessage.DataAddress;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The data plane's rows in PostgreSQL (V11): flows and their pull tokens (provider), push sinks (consumer). */
final class DataPlaneStore {
    /** Expired tokens are kept this long, so that their holders learn that they expired rather than that they are unknown. */
    private static final Duration KEEP_EXPIRED = Duration.ofDays(1);

    enum State { STARTED, SUSPENDED, ENDED }

    /** A pull token of a flow, with what the pull needs to know. */
    record PullToken(byte[] tokenHash, Instant expires, String datasetId, State state) implements Tokens.Hashed {
    }

    record SinkToken(byte[] tokenHash, boolean closed) implements Tokens.Hashed {
    }

    /** What a push delivered to a sink. */
    record Received(String contentType, byte[] body, Instant at) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    DataPlaneStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Starts or restarts a flow: its earlier tokens stop working, the new one (if any) works until {@code expires}.
     * A flow that ended cannot start again.
     */
    Result<Void> start(DataFlow flow, byte[] tokenHash, Instant expires, Instant now) {
        return transactions.execute(status -> {
            List<String> states = jdbc.queryForList("SELECT state FROM dataplane_flows WHERE transfer_id = ? FOR UPDATE",
                    String.class, flow.transferId());
            if (!states.isEmpty() && states.getFirst().equals(State.ENDED.name())) {
                return Result.<Void>failure("transfer " + flow.transferId() + " has ended (completed or terminated): it cannot start again");
            }
            String destination = flow.destination() == null ? null : DspJson.write(flow.destination()).toString();
            if (states.isEmpty()) {
                jdbc.update("INSERT INTO dataplane_flows (transfer_id, agreement_id, dataset_id, consumer_id, format, state, updated, destination) "
                                + "VALUES (?,?,?,?,?,?,?,?)", flow.transferId(), flow.agreementId(), flow.datasetId(), flow.consumerId(),
                        flow.format(), State.STARTED.name(), Timestamp.from(now), destination);
            } else {
                jdbc.update("UPDATE dataplane_flows SET state = ?, format = ?, updated = ?, destination = ? WHERE transfer_id = ?",
                        State.STARTED.name(), flow.format(), Timestamp.from(now), destination, flow.transferId());
                jdbc.update("DELETE FROM dataplane_tokens WHERE transfer_id = ?", flow.transferId());
            }
            if (tokenHash != null) {
                jdbc.update("INSERT INTO dataplane_tokens (token_hash, transfer_id, expires) VALUES (?,?,?)",
                        tokenHash, flow.transferId(), Timestamp.from(expires));
            }
            jdbc.update("DELETE FROM dataplane_tokens WHERE expires < ?", Timestamp.from(now.minus(KEEP_EXPIRED)));
            return Result.<Void>success(null);
        });
    }

    /** Suspends or ends a flow; an ended flow stays ended. Returns whether the flow is known. */
    boolean state(String transferId, State state, Instant now) {
        return jdbc.update("UPDATE dataplane_flows SET state = ?, updated = ? WHERE transfer_id = ? AND state <> 'ENDED'",
                state.name(), Timestamp.from(now), transferId) > 0;
    }

    /**
     * The started flows of {@code format} that have a destination (pushes), oldest first; a destination that no longer
     * reads is null, so that the caller reports the flow failed instead of skipping it for ever.
     */
    List<DataFlow> started(String format) {
        return jdbc.query("SELECT transfer_id, agreement_id, dataset_id, consumer_id, format, destination FROM dataplane_flows "
                + "WHERE state = 'STARTED' AND format = ? AND destination IS NOT NULL ORDER BY updated", (rs, i) -> {
            Result<DataAddress> destination = DspJson.readDataAddress(NegotiationService.stored(rs.getString("destination")));
            return new DataFlow(rs.getString("transfer_id"), rs.getString("agreement_id"), rs.getString("dataset_id"),
                    rs.getString("consumer_id"), rs.getString("format"), destination.succeeded() ? destination.value() : null);
        }, format);
    }

    Optional<State> state(String transferId) {
        return jdbc.queryForList("SELECT state FROM dataplane_flows WHERE transfer_id = ?", String.class, transferId).stream()
                .findFirst().map(State::valueOf);
    }

    List<PullToken> pullTokens(String transferId) {
        return jdbc.query("SELECT t.token_hash, t.expires, f.dataset_id, f.state FROM dataplane_tokens t "
                        + "JOIN dataplane_flows f ON f.transfer_id = t.transfer_id WHERE t.transfer_id = ?",
                (rs, i) -> new PullToken(rs.getBytes(1), rs.getTimestamp(2).toInstant(), rs.getString(3), State.valueOf(rs.getString(4))),
                transferId);
    }

    /** Creates (or renews) the sink of a consumer transfer; earlier data and tokens of it are dropped. */
    void createSink(String transferId, byte[] tokenHash, Instant now) {
        jdbc.update("INSERT INTO dataplane_sinks (transfer_id, token_hash, created) VALUES (?,?,?) ON CONFLICT (transfer_id) DO UPDATE "
                        + "SET token_hash = EXCLUDED.token_hash, created = EXCLUDED.created, closed = FALSE, received = NULL, "
                        + "content_type = NULL, body = NULL",
                transferId, tokenHash, Timestamp.from(now));
    }

    List<SinkToken> sinkTokens(String transferId) {
        return jdbc.query("SELECT token_hash, closed FROM dataplane_sinks WHERE transfer_id = ?",
                (rs, i) -> new SinkToken(rs.getBytes(1), rs.getBoolean(2)), transferId);
    }

    /** Keeps what was pushed (a repeated push replaces it). */
    void receive(String transferId, String contentType, byte[] body, Instant now) {
        jdbc.update("UPDATE dataplane_sinks SET received = ?, content_type = ?, body = ? WHERE transfer_id = ?",
                Timestamp.from(now), contentType, body, transferId);
    }

    Optional<Received> received(String transferId) {
        return jdbc.query("SELECT content_type, body, received FROM dataplane_sinks WHERE transfer_id = ? AND received IS NOT NULL",
                (rs, i) -> new Received(rs.getString(1), rs.getBytes(2), rs.getTimestamp(3).toInstant()), transferId).stream().findFirst();
    }

    void closeSink(String transferId) {
        jdbc.update("UPDATE dataplane_sinks SET closed = TRUE WHERE transfer_id = ?", transferId);
    }

    void deleteSink(String transferId) {
        jdbc.update("DELETE FROM dataplane_sinks WHERE transfer_id = ?", transferId);
    }
}
