-- Exchange-log events written by the negotiation and transfer stores in the transaction of the change they record, so
-- a committed change always has its event; a writer moves them into the hash chain (dsp_exchange_log) in its own
-- transaction under the head lock, off the protocol's request path.
CREATE TABLE dsp_exchange_log_queue (
    id               BIGSERIAL   PRIMARY KEY,
    process_id       TEXT        NOT NULL,
    process_kind     TEXT        NOT NULL CHECK (process_kind IN ('negotiation', 'transfer')),
    event_type       TEXT        NOT NULL,
    counter_party_id TEXT        NOT NULL,
    agreement_id     TEXT,
    payload_digest   CHAR(64)    NOT NULL,
    time             TIMESTAMPTZ NOT NULL
);
CREATE INDEX dsp_negotiations_agreement ON dsp_negotiations ((agreement::jsonb ->> '@id'));
