-- 031: the per-host circuit breakers, so a restarted scheduler (or a new leader) keeps a breaker open until its
-- cool-down. One row per host with consecutive host-level failures; a closed breaker has no row.
CREATE TABLE host_breakers (
    host          VARCHAR(256) NOT NULL PRIMARY KEY,
    failures      INTEGER NOT NULL,
    opened_at     INTEGER NULL,
    probe_run_id  VARCHAR(64) NULL,
    probe_at      INTEGER NULL,
    updated_at    INTEGER NOT NULL
);
