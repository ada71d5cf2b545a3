package eu.federator.catalogue.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * Changes applied in one transaction together with the checkpoint {@code sequence} (the sequence number of the last
 * event they come from). A store applies a batch only if its checkpoint is below {@code sequence}, so re-applying a
 * batch after a crash or a retried request changes nothing: exactly-once projection.
 */
public record GraphBatch(long sequence, List<GraphChange> changes) {
    public GraphBatch {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative: " + sequence);
        }
        changes = List.copyOf(changes);
    }

    public static Builder at(long sequence) {
        return new Builder(sequence);
    }

    public static final class Builder {
        private final long sequence;
        private final List<GraphChange> changes = new ArrayList<>();

        private Builder(long sequence) {
            this.sequence = sequence;
        }

        public Builder put(GraphChange.PutGraph graph) {
            changes.add(graph);
            return this;
        }

        public Builder delete(String hash) {
            changes.add(new GraphChange.DeleteGraph(hash));
            return this;
        }

        public Builder metadata(SdMetadata metadata) {
            changes.add(new GraphChange.PutMetadata(metadata));
            return this;
        }

        public GraphBatch build() {
            return new GraphBatch(sequence, changes);
        }
    }
}
