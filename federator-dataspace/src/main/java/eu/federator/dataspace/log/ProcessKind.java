package eu.federator.dataspace.log;

/** Which kind of DSP process a logged event belongs to; {@link #wire()} is the name stored and exported. */
public enum ProcessKind {
    NEGOTIATION, TRANSFER;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static ProcessKind fromWire(String wire) {
        for (ProcessKind k : values()) {
            if (k.wire().equals(wire)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown process kind \"" + wire + "\"; expected negotiation or transfer");
    }
}
