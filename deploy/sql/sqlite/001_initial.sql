-- 001: tasks, calendars, runs with their attempts and events, agents.
-- Applied by `easytask db migrate` in one transaction and recorded in schema_version.
-- Every provider stores timestamps as UTC unix epoch milliseconds and flags as 0/1 integers,
-- so one piece of C# reads all three databases the same way.

CREATE TABLE tasks (
    tid          INTEGER NOT NULL PRIMARY KEY,
    name         TEXT    NOT NULL,
    definition   TEXT    NOT NULL,
    active       INTEGER NOT NULL CHECK (active IN (0, 1)),
    on_hold      INTEGER NOT NULL DEFAULT 0 CHECK (on_hold IN (0, 1)),
    run_on_host  TEXT    NOT NULL,
    group_name   TEXT    NULL,
    instance     TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    source       TEXT    NOT NULL,
    CONSTRAINT uq_tasks_name UNIQUE (name)
);

CREATE TABLE calendars (
    name         TEXT    NOT NULL PRIMARY KEY,
    description  TEXT    NULL,
    dates        TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    source       TEXT    NOT NULL
);

-- No foreign key to tasks: a task's past runs outlive the task.
CREATE TABLE runs (
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
    -- The idempotent run key: a clock fire that repeats (takeover, restart) cannot create a second run.
    CONSTRAINT uq_runs_tid_scheduled_for UNIQUE (tid, scheduled_for)
);
CREATE INDEX ix_runs_status ON runs (status);
CREATE INDEX ix_runs_task_name_scheduled_for ON runs (task_name, scheduled_for);

CREATE TABLE run_attempts (
    run_id       TEXT    NOT NULL,
    attempt      INTEGER NOT NULL,
    status       TEXT    NOT NULL,
    reason       TEXT    NULL,
    return_code  INTEGER NULL,
    host         TEXT    NOT NULL,
    started_at   INTEGER NULL,
    finished_at  INTEGER NULL,
    PRIMARY KEY (run_id, attempt)
);

-- Append-only. AUTOINCREMENT so an id is never reused, even after rows are purged.
CREATE TABLE run_events (
    id           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    run_id       TEXT    NOT NULL,
    attempt      INTEGER NOT NULL,
    at           INTEGER NOT NULL,
    actor        TEXT    NOT NULL,
    from_status  TEXT    NULL,
    to_status    TEXT    NOT NULL,
    detail       TEXT    NULL
);
CREATE INDEX ix_run_events_run_id ON run_events (run_id);

CREATE TABLE agents (
    name           TEXT    NOT NULL PRIMARY KEY,
    version        TEXT    NOT NULL,
    capacity       INTEGER NOT NULL,
    running        INTEGER NOT NULL DEFAULT 0,
    last_heartbeat INTEGER NOT NULL,
    started_at     INTEGER NOT NULL
);
