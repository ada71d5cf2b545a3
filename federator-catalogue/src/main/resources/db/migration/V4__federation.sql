-- Catalogue-to-catalogue federation: how far this catalogue has followed each peer's change feed, what it did with
-- the events, and what it refused. The self-descriptions themselves are in catalogue_self_descriptions (origin = the
-- catalogue they were first accepted by).

CREATE TABLE federation_peers (
    peer_url        TEXT        PRIMARY KEY,                -- the peer's base URL, normalised (CatalogueUrls)
    last_sequence   BIGINT      NOT NULL DEFAULT 0 CHECK (last_sequence >= 0), -- the cursor: events up to here are done
    peer_catalogue  TEXT,                                   -- the id the peer's feed gives itself
    last_success    TIMESTAMPTZ,                            -- last page read and applied completely
    last_error      TEXT,
    last_error_at   TIMESTAMPTZ,
    stored          BIGINT      NOT NULL DEFAULT 0,         -- verified and stored here
    present         BIGINT      NOT NULL DEFAULT 0,         -- stored already (same bytes): nothing to do
    revoked         BIGINT      NOT NULL DEFAULT 0,
    expired         BIGINT      NOT NULL DEFAULT 0,         -- eol
    deleted         BIGINT      NOT NULL DEFAULT 0,
    ignored         BIGINT      NOT NULL DEFAULT 0,         -- not applicable here (own origin, not held, not relayed, ...)
    rejected        BIGINT      NOT NULL DEFAULT 0          -- refused by the ingest pipeline: see federation_rejections
);

-- What was refused, and why (the latest ones per peer are kept; the counter above counts all).
CREATE TABLE federation_rejections (
    peer_url  TEXT        NOT NULL REFERENCES federation_peers (peer_url) ON DELETE CASCADE,
    sequence  BIGINT      NOT NULL,                         -- the event in the peer's feed
    sd_hash   CHAR(64)    NOT NULL,
    reason    TEXT        NOT NULL,                         -- IngestException.Reason, or HASH_MISMATCH / ERROR
    message   TEXT        NOT NULL,
    problems  JSONB       NOT NULL DEFAULT '[]',            -- [{focus, check, message}]
    at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (peer_url, sequence)
);
