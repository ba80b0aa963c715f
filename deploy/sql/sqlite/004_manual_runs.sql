-- 004: every force-start is its own run. Only scheduled occurrences keep the idempotent key
-- (tid, scheduled_for); a manual run (force-start, later manual retry or adhoc) is never merged with another.
-- SQLite cannot drop a table constraint, so the runs table is rebuilt (inside the migration's transaction).
CREATE TABLE runs_004 (
    run_id        TEXT    NOT NULL PRIMARY KEY CHECK (length(run_id) <= 36),
    tid           INTEGER NOT NULL,
    task_name     TEXT    NOT NULL,
    scheduled_for INTEGER NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN ('IDLE', 'ACTIVE', 'TRIGGER', 'STARTED', 'RUNNING', 'SUCCESS', 'FAILED', 'TERMINATED')),
    reason        TEXT    NULL,
    attempt       INTEGER NOT NULL DEFAULT 1,
    return_code   INTEGER NULL,
    host          TEXT    NOT NULL,
    adhoc         INTEGER NOT NULL DEFAULT 0 CHECK (adhoc IN (0, 1)),
    created_at    INTEGER NOT NULL,
    started_at    INTEGER NULL,
    finished_at   INTEGER NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    manual        INTEGER NOT NULL DEFAULT 0 CHECK (manual IN (0, 1)),
    not_before    INTEGER NULL
);
INSERT INTO runs_004 (run_id, tid, task_name, scheduled_for, status, reason, attempt, return_code, host, adhoc, created_at, started_at, finished_at, version, manual, not_before)
    SELECT run_id, tid, task_name, scheduled_for, status, reason, attempt, return_code, host, adhoc, created_at, started_at, finished_at, version, 0, not_before FROM runs;
DROP TABLE runs;
ALTER TABLE runs_004 RENAME TO runs;
CREATE INDEX ix_runs_status ON runs (status);
CREATE INDEX ix_runs_task_name_scheduled_for ON runs (task_name, scheduled_for);
CREATE UNIQUE INDEX uq_runs_tid_scheduled_for ON runs (tid, scheduled_for) WHERE manual = 0;
CREATE INDEX ix_runs_tid_scheduled_for_all ON runs (tid, scheduled_for);
CREATE INDEX ix_runs_status_scheduled_for ON runs (status, scheduled_for, run_id);
