-- 001: tasks, calendars, runs with their attempts and events, agents.
-- Applied by `easytask db migrate` in one transaction and recorded in schema_version.
-- Every provider stores timestamps as UTC unix epoch milliseconds and flags as 0/1 integers,
-- so one piece of C# reads all three databases the same way.
-- Names use the "C" collation: unique and ordered byte by byte, as on SQLite and SQL Server (BIN2),
-- whatever locale the cluster was created with.

CREATE TABLE tasks (
    tid          BIGINT        NOT NULL PRIMARY KEY,
    name         VARCHAR(128)  COLLATE "C" NOT NULL,
    definition   TEXT          NOT NULL,
    active       INTEGER       NOT NULL CHECK (active IN (0, 1)),
    on_hold      INTEGER       NOT NULL DEFAULT 0 CHECK (on_hold IN (0, 1)),
    run_on_host  VARCHAR(128)  NOT NULL,
    group_name   VARCHAR(128)  NULL,
    instance     VARCHAR(128)  NOT NULL,
    version      BIGINT        NOT NULL,
    created_at   BIGINT        NOT NULL,
    updated_at   BIGINT        NOT NULL,
    source       VARCHAR(1024) NOT NULL,
    CONSTRAINT uq_tasks_name UNIQUE (name)
);

CREATE TABLE calendars (
    name         VARCHAR(128)  COLLATE "C" NOT NULL PRIMARY KEY,
    description  TEXT          NULL,
    dates        TEXT          NOT NULL,
    version      BIGINT        NOT NULL,
    updated_at   BIGINT        NOT NULL,
    source       VARCHAR(1024) NOT NULL
);

-- No foreign key to tasks: a task's past runs outlive the task.
CREATE TABLE runs (
    run_id        VARCHAR(36)   NOT NULL PRIMARY KEY,
    tid           BIGINT        NOT NULL,
    task_name     VARCHAR(128)  COLLATE "C" NOT NULL,
    scheduled_for BIGINT        NOT NULL,
    status        VARCHAR(16)   NOT NULL CHECK (status IN ('IDLE', 'ACTIVE', 'TRIGGER', 'STARTED', 'RUNNING', 'SUCCESS', 'FAILED', 'TERMINATED')),
    reason        VARCHAR(64)   NULL,
    attempt       INTEGER       NOT NULL DEFAULT 1,
    return_code   INTEGER       NULL,
    host          VARCHAR(128)  NOT NULL,
    adhoc         INTEGER       NOT NULL DEFAULT 0 CHECK (adhoc IN (0, 1)),
    created_at    BIGINT        NOT NULL,
    started_at    BIGINT        NULL,
    finished_at   BIGINT        NULL,
    version       BIGINT        NOT NULL DEFAULT 1,
    -- The idempotent run key: a clock fire that repeats (takeover, restart) cannot create a second run.
    CONSTRAINT uq_runs_tid_scheduled_for UNIQUE (tid, scheduled_for)
);
CREATE INDEX ix_runs_status ON runs (status);
CREATE INDEX ix_runs_task_name_scheduled_for ON runs (task_name, scheduled_for);

CREATE TABLE run_attempts (
    run_id       VARCHAR(36)   NOT NULL,
    attempt      INTEGER       NOT NULL,
    status       VARCHAR(16)   NOT NULL,
    reason       VARCHAR(64)   NULL,
    return_code  INTEGER       NULL,
    host         VARCHAR(128)  NOT NULL,
    started_at   BIGINT        NULL,
    finished_at  BIGINT        NULL,
    PRIMARY KEY (run_id, attempt)
);

-- Append-only; ids come from the database, never from the caller.
CREATE TABLE run_events (
    id           BIGINT        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id       VARCHAR(36)   NOT NULL,
    attempt      INTEGER       NOT NULL,
    at           BIGINT        NOT NULL,
    actor        VARCHAR(128)  NOT NULL,
    from_status  VARCHAR(16)   NULL,
    to_status    VARCHAR(16)   NOT NULL,
    detail       TEXT          NULL
);
CREATE INDEX ix_run_events_run_id ON run_events (run_id);

CREATE TABLE agents (
    name           VARCHAR(128) COLLATE "C" NOT NULL PRIMARY KEY,
    version        VARCHAR(64)  NOT NULL,
    capacity       INTEGER      NOT NULL,
    running        INTEGER      NOT NULL DEFAULT 0,
    last_heartbeat BIGINT       NOT NULL,
    started_at     BIGINT       NOT NULL
);
