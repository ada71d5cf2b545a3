package eu.federator.dataspace.outbox;

import java.time.Instant;
import java.util.List;

/**
 * The messages decided but not yet acknowledged. Rows are written by the process stores together with the change that
 * decided them; a dispatcher claims due rows, sends them and reports each outcome.
 */
public interface Outbox {

    /**
     * Claims up to {@code limit} due messages (next attempt at or before {@code now}) that no other claim holds. The
     * claim holds them until it is committed or closed; closing without commit releases them untouched (as a crash does).
     */
    Claim claim(int limit, Instant now);

    /** Outbox rows still to send or given up, for one process (oldest first). */
    List<OutboxMessage> messages(String processKind, String processId);

    interface Claim extends AutoCloseable {
        List<OutboxMessage> messages();

        /** Acknowledged by the counter-party: the row goes. */
        void sent(long id);

        /** Not acknowledged: retried after the back-off, or given up once it is exhausted. Returns true when given up. */
        boolean failed(long id, String error, Instant now);

        /** Refused by the counter-party for good (e.g. a 400): given up at once, with its answer as the reason. */
        void dead(long id, String error);

        void commit();

        @Override
        void close();
    }
}
