package eu.federator.dataspace;

/** The side a connector plays in one negotiation or transfer. */
public enum Role {
    PROVIDER, CONSUMER;

    public Role counterParty() {
        return this == PROVIDER ? CONSUMER : PROVIDER;
    }
}
