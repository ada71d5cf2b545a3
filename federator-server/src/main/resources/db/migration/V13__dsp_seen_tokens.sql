-- The ids (jti) of DSP requester tokens this connector accepted, kept until the token expires (plus the tolerated clock
-- skew), so that a token is accepted once: a replayed request is refused on every replica (docs/dataspace.md, "Identity
-- of the counter-party").
CREATE TABLE dsp_seen_tokens (
    issuer  TEXT        NOT NULL,
    jti     TEXT        NOT NULL,
    expires TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (issuer, jti)
);
CREATE INDEX dsp_seen_tokens_expires ON dsp_seen_tokens (expires);
