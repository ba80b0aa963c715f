-- 009: monitoring. Typed timeline events with a severity, error classes on attempts, the failed-runs list,
-- alerts with their delivery per channel. Numbered 009 after the monitoring issue, so scripts added in parallel
-- (003, 004, ...) do not clash; the migrator applies every missing number in order.

-- NULL event_type = a status move (read as run_created for a run's first event).
ALTER TABLE run_events ADD event_type VARCHAR(40) NULL, severity VARCHAR(10) NULL;
GO

ALTER TABLE run_attempts ADD error_class VARCHAR(16) NULL, detail NVARCHAR(MAX) NULL;
GO

-- The dead-letter list: runs whose recovery is exhausted, kept until an operator retries or dismisses them.
CREATE TABLE failed_runs (
    run_id        VARCHAR(36)    NOT NULL CONSTRAINT pk_failed_runs PRIMARY KEY,
    tid           BIGINT         NOT NULL,
    task_name     NVARCHAR(128)  NOT NULL,
    host          NVARCHAR(128)  NOT NULL,
    status        VARCHAR(16)    NOT NULL,
    reason        VARCHAR(64)    NULL,
    error_class   VARCHAR(16)    NULL,
    return_code   INT            NULL,
    attempts      INT            NOT NULL,
    detail        NVARCHAR(MAX)  NULL,
    failed_at     BIGINT         NOT NULL,
    dismissed_at  BIGINT         NULL,
    dismissed_by  NVARCHAR(256)  NULL
);
GO

CREATE INDEX ix_failed_runs_failed_at ON failed_runs (failed_at);
GO

-- One alert per subject and kind (alert_key = run id + kind, or host + breaker opening): a second scheduler or a
-- restart raising the same alert hits the unique key instead of alerting twice.
CREATE TABLE alerts (
    id          BIGINT         IDENTITY(1, 1) NOT NULL CONSTRAINT pk_alerts PRIMARY KEY,
    alert_key   NVARCHAR(200)  NOT NULL,
    kind        VARCHAR(32)    NOT NULL,
    severity    VARCHAR(16)    NOT NULL,
    run_id      VARCHAR(36)    NULL,
    task_name   NVARCHAR(128)  NULL,
    host        NVARCHAR(128)  NULL,
    message     NVARCHAR(MAX)  NOT NULL,
    created_at  BIGINT         NOT NULL,
    CONSTRAINT uq_alerts_alert_key UNIQUE (alert_key)
);
GO

CREATE INDEX ix_alerts_created_at ON alerts (created_at);
GO

-- Delivery per channel: pending until sent; a channel that is down keeps it pending (never lost).
CREATE TABLE alert_deliveries (
    alert_id      BIGINT         NOT NULL,
    channel       NVARCHAR(128)  NOT NULL,
    status        VARCHAR(16)    NOT NULL,
    attempts      INT            NOT NULL CONSTRAINT df_alert_deliveries_attempts DEFAULT 0,
    last_error    NVARCHAR(MAX)  NULL,
    next_at       BIGINT         NOT NULL,
    claimed_until BIGINT         NULL,
    delivered_at  BIGINT         NULL,
    CONSTRAINT pk_alert_deliveries PRIMARY KEY (alert_id, channel)
);
GO

CREATE INDEX ix_alert_deliveries_status ON alert_deliveries (status, next_at);
GO
