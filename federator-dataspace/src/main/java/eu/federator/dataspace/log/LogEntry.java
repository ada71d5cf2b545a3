package eu.federator.dataspace.log;

/** A stored event: its place in the chain, the hash of the entry before it and its own hash. */
public record LogEntry(long sequence, String previousHash, String hash, LogEvent event) {
}
