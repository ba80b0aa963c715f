-- 009: monitoring. Typed timeline events with a severity, error classes on attempts, the failed-runs list,
-- alerts with their delivery per channel. Numbered 009 after the monitoring issue, so scripts added in parallel
-- (003, 004, ...) do not clash; the migrator applies every missing number in order.

-- NULL event_type = a status move (read as run_created for a run's first event).
ALTER TABLE run_events ADD COLUMN event_type TEXT NULL;
ALTER TABLE run_events ADD COLUMN severity TEXT NULL;

ALTER TABLE run_attempts ADD COLUMN error_class TEXT NULL;
ALTER TABLE run_attempts ADD COLUMN detail TEXT NULL;

-- The dead-letter list: runs whose recovery is exhausted, kept until an operator retries or dismisses them.
CREATE TABLE failed_runs (
    run_id        TEXT    NOT NULL PRIMARY KEY,
    tid           INTEGER NOT NULL,
    task_name     TEXT    NOT NULL,
    host          TEXT    NOT NULL,
    status        TEXT    NOT NULL,
    reason        TEXT    NULL,
    error_class   TEXT    NULL,
    return_code   INTEGER NULL,
    attempts      INTEGER NOT NULL,
    detail        TEXT    NULL,
    failed_at     INTEGER NOT NULL,
    dismissed_at  INTEGER NULL,
    dismissed_by  TEXT    NULL
);
CREATE INDEX ix_failed_runs_failed_at ON failed_runs (failed_at);

-- One alert per subject and kind (alert_key = run id + kind, or host + breaker opening): a second scheduler or a
-- restart raising the same alert hits the unique key instead of alerting twice.
CREATE TABLE alerts (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    alert_key   TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    severity    TEXT    NOT NULL,
    run_id      TEXT    NULL,
    task_name   TEXT    NULL,
    host        TEXT    NULL,
    message     TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    CONSTRAINT uq_alerts_alert_key UNIQUE (alert_key)
);
CREATE INDEX ix_alerts_created_at ON alerts (created_at);

-- Delivery per channel: pending until sent; a channel that is down keeps it pending (never lost).
CREATE TABLE alert_deliveries (
    alert_id      INTEGER NOT NULL,
    channel       TEXT    NOT NULL,
    status        TEXT    NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT    NULL,
    next_at       INTEGER NOT NULL,
    claimed_until INTEGER NULL,
    delivered_at  INTEGER NULL,
    PRIMARY KEY (alert_id, channel)
);
CREATE INDEX ix_alert_deliveries_status ON alert_deliveries (status, next_at);
