-- 031: the per-host circuit breakers, so a restarted scheduler (or a new leader) keeps a breaker open until its
-- cool-down. One row per host with consecutive host-level failures; a closed breaker has no row.
CREATE TABLE host_breakers (
    host          NVARCHAR(256)  NOT NULL CONSTRAINT pk_host_breakers PRIMARY KEY,
    failures      INT            NOT NULL,
    opened_at     BIGINT         NULL,
    probe_run_id  NVARCHAR(64)   NULL,
    probe_at      BIGINT         NULL,
    updated_at    BIGINT         NOT NULL
);
GO
