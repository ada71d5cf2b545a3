-- Exchange log (GXFS Data Exchange Logging): every negotiation and transfer event, hash-chained. Entry n stores
-- hash = SHA-256(JCS of {sequence, previousHash, processId, processKind, eventType, counterPartyId, agreementId,
-- payloadDigest, time}) with previousHash = the hash of entry n-1 (genesis: 64 zeros). Appenders lock the one row of
-- dsp_exchange_log_head, so sequences are gap-free, assigned in commit order, and the chain never forks.
CREATE TABLE dsp_exchange_log_head (
    singleton BOOLEAN  PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    sequence  BIGINT   NOT NULL CHECK (sequence >= 0),
    hash      CHAR(64) NOT NULL
);
INSERT INTO dsp_exchange_log_head (singleton, sequence, hash) VALUES (TRUE, 0, repeat('0', 64));

CREATE TABLE dsp_exchange_log (
    sequence         BIGINT      PRIMARY KEY CHECK (sequence > 0),
    previous_hash    CHAR(64)    NOT NULL,
    hash             CHAR(64)    NOT NULL,
    process_id       TEXT        NOT NULL,
    process_kind     TEXT        NOT NULL CHECK (process_kind IN ('negotiation', 'transfer')),
    event_type       TEXT        NOT NULL,                  -- e.g. ContractAgreementMessage
    counter_party_id TEXT        NOT NULL,                  -- the counter-party's DID
    agreement_id     TEXT,
    payload_digest   CHAR(64)    NOT NULL,                  -- SHA-256 (hex) of the message bytes
    time             TIMESTAMPTZ NOT NULL
);
CREATE INDEX dsp_exchange_log_process ON dsp_exchange_log (process_kind, process_id);

-- Signed checkpoints: a compact JWS over JCS of {sequence, hash, time} of the head at that moment.
CREATE TABLE dsp_exchange_log_checkpoints (
    sequence            BIGINT      PRIMARY KEY REFERENCES dsp_exchange_log (sequence),
    hash                CHAR(64)    NOT NULL,
    time                TIMESTAMPTZ NOT NULL,
    verification_method TEXT        NOT NULL,
    jws                 TEXT        NOT NULL
);
