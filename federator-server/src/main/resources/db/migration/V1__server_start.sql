-- One row per server start: which version ran, on which kind of database. Shown in /actuator/info.
CREATE TABLE server_start (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    version    TEXT        NOT NULL,
    database   TEXT        NOT NULL CHECK (database IN ('embedded', 'external'))
);
