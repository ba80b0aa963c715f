-- 010: the console. An adhoc run's command, so a run stuck in TRIGGER can be sent again (it has no task definition
-- to send); and the index the Task Runs page walks for its newest-first order.
CREATE TABLE adhoc_commands (
    run_id        VARCHAR(36)   NOT NULL PRIMARY KEY,
    cmd           TEXT          NOT NULL,
    host          VARCHAR(128)  NOT NULL,
    owner         VARCHAR(128)  NULL,
    max_run_time  INTEGER       NOT NULL,
    requested_by  VARCHAR(200)  NOT NULL
);
CREATE INDEX ix_runs_scheduled_for_run_id ON runs (scheduled_for, run_id);
