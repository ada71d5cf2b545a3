-- The portal's onboarding (docs/onboarding.md): identities hosted at /dids/<name>/, the wizard's drafts, and which
-- participant a portal user belongs to.

-- A hosted did:web identity. private_key is AES-256-GCM ciphertext (version byte, nonce, ciphertext + tag; the DID is the
-- additional authenticated data) under the key-encryption key, never the key itself.
CREATE TABLE portal_hosted_identity (
    name            TEXT PRIMARY KEY CHECK (name ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
    did             TEXT        NOT NULL UNIQUE,
    owner           TEXT        NOT NULL UNIQUE,
    key_type        TEXT        NOT NULL,
    document        TEXT        NOT NULL,
    chain_pem       TEXT        NOT NULL,
    lab_ca          BOOLEAN     NOT NULL,
    private_key     BYTEA       NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    key_exported_at TIMESTAMPTZ
);

-- One onboarding in progress (or done) per portal user; each step fills its columns and clears those of later steps.
CREATE TABLE portal_onboarding_draft (
    owner               TEXT PRIMARY KEY,
    identity_name       TEXT        NOT NULL REFERENCES portal_hosted_identity (name),
    registration_type   TEXT,
    registration_value  TEXT,
    registration_jwt    TEXT,
    legal_person_jwt    TEXT,
    issuer_jwt          TEXT,
    presentation_jwt    TEXT,
    label_jwt           TEXT,
    participant_sd_hash TEXT,
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A portal user (Caller.subject()) and the participant (DID) they act for.
CREATE TABLE portal_account (
    owner           TEXT PRIMARY KEY,
    participant_did TEXT        NOT NULL,
    linked_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
