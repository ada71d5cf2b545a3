-- Agreements as credentials (GXFS Data Contract Service) and the notification inbox (GXFS Data Exchange Logging, W3C
-- Linked Data Notifications). Each side issues its own credential for a finalized agreement and keeps it here with the
-- log token it issued to the counter-party; one row per agreement and side (a connector negotiating with itself holds
-- both). Notifications are the signed credentials counter-parties posted, each also chained into the exchange log.
CREATE TABLE dsp_agreements (
    agreement_id       TEXT        NOT NULL,
    role               TEXT        NOT NULL CHECK (role IN ('PROVIDER', 'CONSUMER')),
    negotiation_id     TEXT        NOT NULL UNIQUE,         -- this side's negotiation
    consumer_pid       TEXT,
    provider_pid       TEXT,
    counter_party_id   TEXT        NOT NULL,                -- the counter-party's DID (the log token's subject)
    target             TEXT        NOT NULL,
    assigner           TEXT        NOT NULL,
    assignee           TEXT        NOT NULL,
    agreement          TEXT        NOT NULL,                -- the ODRL agreement, JSON (compacted DSP form)
    credential_id      TEXT        NOT NULL,
    credential         TEXT        NOT NULL,                -- compact vc+jwt signed by this connector
    log_token          TEXT        NOT NULL,                -- the counter-party's log token (a JWT signed by this connector)
    log_token_expires  TIMESTAMPTZ NOT NULL,
    issued             TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (agreement_id, role)
);
CREATE INDEX dsp_agreements_issued ON dsp_agreements (issued DESC, agreement_id, role);

CREATE TABLE dsp_notifications (
    id           TEXT        PRIMARY KEY,                   -- this inbox's id of the notification (a UUID)
    agreement_id TEXT        NOT NULL,
    sender       TEXT        NOT NULL,                      -- the DID that signed it (= the log token's subject)
    types        TEXT        NOT NULL,                      -- the credential's types, space-separated
    event        TEXT        NOT NULL,                      -- e.g. sent, received
    event_time   TIMESTAMPTZ,                               -- when the sender says it happened
    description  TEXT,
    credential   TEXT        NOT NULL,                      -- the notification exactly as posted
    digest       CHAR(64)    NOT NULL UNIQUE,               -- SHA-256 (hex) of the posted bytes: a repeat is the same notification
    received     TIMESTAMPTZ NOT NULL
);
CREATE INDEX dsp_notifications_agreement ON dsp_notifications (agreement_id, received);
CREATE INDEX dsp_notifications_received ON dsp_notifications (received, id);

-- the management API lists exchange-log entries by agreement or process id
CREATE INDEX dsp_exchange_log_agreement ON dsp_exchange_log (agreement_id, sequence) WHERE agreement_id IS NOT NULL;
CREATE INDEX dsp_exchange_log_process_id ON dsp_exchange_log (process_id, sequence);
