-- Self-descriptions (XFSC sdfiles), the credentials bundled with them, participants and the ordered event log.
-- PostgreSQL is the system of record; the RDF graph is a projection of catalogue_events.

CREATE TABLE catalogue_self_descriptions (
    sd_hash          CHAR(64)    PRIMARY KEY,                -- sha256 hex of exactly the submitted bytes
    subject_id       TEXT        NOT NULL,                   -- the credential subject the SD is about
    issuer           TEXT,                                   -- issuer of the subject's credential
    provider         TEXT,                                   -- the participant that owns it (issuer of its participant credential, else issuer)
    kind             TEXT        NOT NULL CHECK (kind IN ('participant', 'service-offering', 'resource', 'data-product', 'other')),
    types            TEXT[]      NOT NULL,                   -- rdf:types of the subject (full IRIs)
    format           TEXT        NOT NULL,                   -- jsonld-vp, jsonld-vc, vc+jwt, vp+jwt, ...
    content_type     TEXT        NOT NULL,
    content          BYTEA       NOT NULL,                   -- exactly the submitted bytes
    claims           TEXT        NOT NULL,                   -- the subjects' claims as N-Triples (parsed once, projected from here)
    prefixes         JSONB       NOT NULL DEFAULT '{}',      -- prefix -> namespace, as the submission's contexts declared them
    status           TEXT        NOT NULL CHECK (status IN ('active', 'deprecated', 'revoked', 'eol')),
    upload_time      TIMESTAMPTZ NOT NULL,
    status_time      TIMESTAMPTZ NOT NULL,
    valid_from       TIMESTAMPTZ,
    expiration_time  TIMESTAMPTZ,                            -- earliest end of validity of its credentials and certificates
    validators       TEXT[]      NOT NULL DEFAULT '{}',      -- verification methods whose signatures verified
    credential_ids   TEXT[]      NOT NULL DEFAULT '{}',      -- ids of the credentials that are the SD itself
    origin           TEXT,                                   -- null: submitted here; else the peer catalogue it came from
    title            TEXT,                                   -- a name the claims give the subject (gx:name, schema:name, legalName...)
    search_text      TEXT        NOT NULL DEFAULT '',        -- literals of the claims, subject id and type names: what full-text search sees
    search_vector    TSVECTOR    GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED
);
CREATE INDEX catalogue_sd_search ON catalogue_self_descriptions USING GIN (search_vector);
-- one active self-description per subject (XFSC's partial unique index)
CREATE UNIQUE INDEX catalogue_sd_one_active ON catalogue_self_descriptions (subject_id) WHERE status = 'active';
CREATE INDEX catalogue_sd_subject ON catalogue_self_descriptions (subject_id);
CREATE INDEX catalogue_sd_status_time ON catalogue_self_descriptions (status, status_time DESC, sd_hash);
CREATE INDEX catalogue_sd_expiry ON catalogue_self_descriptions (expiration_time) WHERE status = 'active';
CREATE INDEX catalogue_sd_issuer ON catalogue_self_descriptions (issuer);
CREATE INDEX catalogue_sd_provider ON catalogue_self_descriptions (provider);
CREATE INDEX catalogue_sd_validators ON catalogue_self_descriptions USING GIN (validators);

-- Credentials that came bundled with a self-description but are not it (a provider's LegalPerson, registration-number
-- and issuer credentials inside an offering's presentation): stored once, by hash, however many SDs carry them.
CREATE TABLE catalogue_credentials (
    credential_hash CHAR(64)    PRIMARY KEY,                 -- sha256 hex of the compact JWS, or of the JCS of the JSON-LD credential
    credential_id   TEXT,
    issuer          TEXT,
    subject_id      TEXT,
    kind            TEXT        NOT NULL,
    format          TEXT        NOT NULL,
    content         BYTEA       NOT NULL,
    first_seen      TIMESTAMPTZ NOT NULL
);
CREATE INDEX catalogue_credentials_id ON catalogue_credentials (credential_id);
CREATE TABLE catalogue_sd_credentials (
    sd_hash         CHAR(64) NOT NULL REFERENCES catalogue_self_descriptions (sd_hash) ON DELETE CASCADE,
    credential_hash CHAR(64) NOT NULL REFERENCES catalogue_credentials (credential_hash),
    PRIMARY KEY (sd_hash, credential_hash)
);
CREATE INDEX catalogue_sd_credentials_credential ON catalogue_sd_credentials (credential_hash);

-- Participants (XFSC /participants): a participant is its participant self-description.
CREATE TABLE catalogue_participants (
    participant_id TEXT        PRIMARY KEY,                  -- the issuer of the participant credential (its DID)
    name           TEXT        NOT NULL,
    public_key     TEXT,                                     -- the verification method that signed it
    sd_hash        CHAR(64)    NOT NULL REFERENCES catalogue_self_descriptions (sd_hash),
    created        TIMESTAMPTZ NOT NULL,
    updated        TIMESTAMPTZ NOT NULL
);

-- The ordered event log. Writers take the row lock of catalogue_event_sequence in the transaction that appends, so
-- sequence order is commit order: a reader that has seen sequence n has seen every event below n.
CREATE TABLE catalogue_event_sequence (
    singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    last      BIGINT  NOT NULL
);
INSERT INTO catalogue_event_sequence (singleton, last) VALUES (TRUE, 0);

CREATE TABLE catalogue_events (
    sequence BIGINT      PRIMARY KEY,
    type     TEXT        NOT NULL CHECK (type IN ('stored', 'status', 'deleted')),
    sd_hash  CHAR(64)    NOT NULL,
    status   TEXT,                                           -- the status it set (stored, status)
    at       TIMESTAMPTZ NOT NULL,
    origin   TEXT                                            -- the SD's origin (null: this catalogue)
);
CREATE INDEX catalogue_events_sd ON catalogue_events (sd_hash);
