-- Sovereign data exchange (DSP 2025-1): contract negotiations and transfer processes as each side sees them, and the
-- outbox of messages decided but not yet acknowledged by the counter-party. Optimistic versioning: every update
-- names the version it read. States are the protocol's; "pending" is the state this side decided on and is sending.

CREATE TABLE dsp_negotiations (
    id                    TEXT        PRIMARY KEY,          -- this side's process id (providerPid or consumerPid)
    role                  TEXT        NOT NULL CHECK (role IN ('PROVIDER', 'CONSUMER')),
    consumer_pid          TEXT,
    provider_pid          TEXT,
    counter_party_id      TEXT        NOT NULL,             -- the counter-party's participant id (DID)
    counter_party_address TEXT,                             -- its DSP base URL or callback address
    state                 TEXT        CHECK (state IN ('REQUESTED', 'OFFERED', 'ACCEPTED', 'AGREED', 'VERIFIED', 'FINALIZED', 'TERMINATED')),
    pending               TEXT        CHECK (pending IN ('REQUESTED', 'OFFERED', 'ACCEPTED', 'AGREED', 'VERIFIED', 'FINALIZED', 'TERMINATED')),
    offer                 TEXT,                             -- the current offer, JSON as exchanged
    agreement             TEXT,                             -- the agreement, JSON as exchanged
    version               BIGINT      NOT NULL CHECK (version > 0),
    created               TIMESTAMPTZ NOT NULL,
    updated               TIMESTAMPTZ NOT NULL,
    CHECK (id = CASE role WHEN 'PROVIDER' THEN provider_pid ELSE consumer_pid END)
);
-- a provider recognises a repeated initial request by the consumer's pid, a consumer a provider's message by its pid
CREATE UNIQUE INDEX dsp_negotiations_provider_side ON dsp_negotiations (counter_party_id, consumer_pid) WHERE role = 'PROVIDER';
CREATE UNIQUE INDEX dsp_negotiations_consumer_side ON dsp_negotiations (counter_party_id, provider_pid)
    WHERE role = 'CONSUMER' AND provider_pid IS NOT NULL;
CREATE INDEX dsp_negotiations_updated ON dsp_negotiations (updated DESC, id);

CREATE TABLE dsp_transfers (
    id                    TEXT        PRIMARY KEY,
    role                  TEXT        NOT NULL CHECK (role IN ('PROVIDER', 'CONSUMER')),
    consumer_pid          TEXT,
    provider_pid          TEXT,
    agreement_id          TEXT        NOT NULL,
    format                TEXT        NOT NULL,             -- e.g. HttpData-PULL
    counter_party_id      TEXT        NOT NULL,
    counter_party_address TEXT,
    state                 TEXT        CHECK (state IN ('REQUESTED', 'STARTED', 'SUSPENDED', 'COMPLETED', 'TERMINATED')),
    pending               TEXT        CHECK (pending IN ('REQUESTED', 'STARTED', 'SUSPENDED', 'COMPLETED', 'TERMINATED')),
    data_address          TEXT,                             -- DataAddress JSON (push: from the request; pull: from the start)
    version               BIGINT      NOT NULL CHECK (version > 0),
    created               TIMESTAMPTZ NOT NULL,
    updated               TIMESTAMPTZ NOT NULL,
    CHECK (id = CASE role WHEN 'PROVIDER' THEN provider_pid ELSE consumer_pid END)
);
CREATE INDEX dsp_transfers_agreement ON dsp_transfers (agreement_id);
CREATE INDEX dsp_transfers_updated ON dsp_transfers (updated DESC, id);

-- Messages to send. A dispatcher claims due rows with SELECT ... FOR UPDATE SKIP LOCKED and keeps the row lock while it
-- sends: replicas never send the same row twice, and a crashed dispatcher's rows are free again when its transaction
-- ends (no lease to expire). Failures are retried with exponential back-off; after the last attempt a row is 'dead'.
CREATE TABLE dsp_outbox (
    id            BIGSERIAL   PRIMARY KEY,
    process_kind  TEXT        NOT NULL CHECK (process_kind IN ('negotiation', 'transfer')),
    process_id    TEXT        NOT NULL,                     -- dsp_negotiations.id or dsp_transfers.id
    message_type  TEXT        NOT NULL,                     -- e.g. ContractAgreementMessage
    target_url    TEXT        NOT NULL,
    body          TEXT        NOT NULL,                     -- the JSON to send, byte for byte
    status        TEXT        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'dead')),
    attempts      INTEGER     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt  TIMESTAMPTZ NOT NULL,
    last_error    TEXT,
    created       TIMESTAMPTZ NOT NULL
);
CREATE INDEX dsp_outbox_due ON dsp_outbox (next_attempt, id) WHERE status = 'pending';
CREATE INDEX dsp_outbox_process ON dsp_outbox (process_kind, process_id);
