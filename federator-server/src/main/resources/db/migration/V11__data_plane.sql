-- The data plane (docs/dataspace.md, "Data plane"). In PostgreSQL so that tokens survive a restart and any replica
-- serves them. Tokens are stored as SHA-256 hashes only.

-- The provider's flows: one per transfer process (providerPid), as the control plane started, suspended or ended it.
CREATE TABLE dataplane_flows (
    transfer_id  TEXT        PRIMARY KEY,
    agreement_id TEXT        NOT NULL,
    dataset_id   TEXT        NOT NULL,
    consumer_id  TEXT        NOT NULL,
    format       TEXT        NOT NULL,
    state        TEXT        NOT NULL CHECK (state IN ('STARTED', 'SUSPENDED', 'ENDED')),
    updated      TIMESTAMPTZ NOT NULL
);

-- Pull tokens: bound to one flow, short-lived; a restart of the flow replaces them.
CREATE TABLE dataplane_tokens (
    token_hash  BYTEA       PRIMARY KEY,
    transfer_id TEXT        NOT NULL REFERENCES dataplane_flows (transfer_id) ON DELETE CASCADE,
    expires     TIMESTAMPTZ NOT NULL
);
CREATE INDEX dataplane_tokens_transfer ON dataplane_tokens (transfer_id);
CREATE INDEX dataplane_tokens_expires ON dataplane_tokens (expires);

-- The consumer's push sinks: where a provider pushes a transfer's data (consumerPid), with the sink's token and, once
-- pushed, the data (bounded by federator.dataspace.data-plane.sink-max-size).
CREATE TABLE dataplane_sinks (
    transfer_id  TEXT        PRIMARY KEY,
    token_hash   BYTEA       NOT NULL,
    closed       BOOLEAN     NOT NULL DEFAULT FALSE,
    created      TIMESTAMPTZ NOT NULL,
    received     TIMESTAMPTZ,
    content_type TEXT,
    body         BYTEA
);
