-- 001: tasks, calendars, runs with their attempts and events, agents.
-- Applied by `easytask db migrate` in one transaction and recorded in schema_version; batches are
-- separated by lines holding only GO, as in sqlcmd and SSMS.
-- Every provider stores timestamps as UTC unix epoch milliseconds and flags as 0/1 integers,
-- so one piece of C# reads all three databases the same way.
-- Names use a binary collation: the default SQL Server collation is case-insensitive, which would make
-- "Backup" and "backup" clash here while they are two tasks on SQLite and PostgreSQL.

CREATE TABLE tasks (
    tid          BIGINT         NOT NULL CONSTRAINT pk_tasks PRIMARY KEY,
    name         NVARCHAR(128)  COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT uq_tasks_name UNIQUE,
    definition   NVARCHAR(MAX)  NOT NULL,
    active       INT            NOT NULL CONSTRAINT ck_tasks_active CHECK (active IN (0, 1)),
    on_hold      INT            NOT NULL CONSTRAINT df_tasks_on_hold DEFAULT 0 CONSTRAINT ck_tasks_on_hold CHECK (on_hold IN (0, 1)),
    run_on_host  NVARCHAR(128)  NOT NULL,
    group_name   NVARCHAR(128)  NULL,
    instance     NVARCHAR(128)  NOT NULL,
    version      BIGINT         NOT NULL,
    created_at   BIGINT         NOT NULL,
    updated_at   BIGINT         NOT NULL,
    source       NVARCHAR(1024) NOT NULL
);
GO

CREATE TABLE calendars (
    name         NVARCHAR(128)  COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_calendars PRIMARY KEY,
    description  NVARCHAR(MAX)  NULL,
    dates        NVARCHAR(MAX)  NOT NULL,
    version      BIGINT         NOT NULL,
    updated_at   BIGINT         NOT NULL,
    source       NVARCHAR(1024) NOT NULL
);
GO

-- No foreign key to tasks: a task's past runs outlive the task.
CREATE TABLE runs (
    run_id        VARCHAR(36)    NOT NULL CONSTRAINT pk_runs PRIMARY KEY,
    tid           BIGINT         NOT NULL,
    task_name     NVARCHAR(128)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    scheduled_for BIGINT         NOT NULL,
    status        VARCHAR(16)    NOT NULL CONSTRAINT ck_runs_status CHECK (status IN ('IDLE', 'ACTIVE', 'TRIGGER', 'STARTED', 'RUNNING', 'SUCCESS', 'FAILED', 'TERMINATED')),
    reason        VARCHAR(64)    NULL,
    attempt       INT            NOT NULL CONSTRAINT df_runs_attempt DEFAULT 1,
    return_code   INT            NULL,
    host          NVARCHAR(128)  NOT NULL,
    adhoc         INT            NOT NULL CONSTRAINT df_runs_adhoc DEFAULT 0 CONSTRAINT ck_runs_adhoc CHECK (adhoc IN (0, 1)),
    created_at    BIGINT         NOT NULL,
    started_at    BIGINT         NULL,
    finished_at   BIGINT         NULL,
    version       BIGINT         NOT NULL CONSTRAINT df_runs_version DEFAULT 1,
    -- The idempotent run key: a clock fire that repeats (takeover, restart) cannot create a second run.
    CONSTRAINT uq_runs_tid_scheduled_for UNIQUE (tid, scheduled_for)
);
GO

CREATE INDEX ix_runs_status ON runs (status);
CREATE INDEX ix_runs_task_name_scheduled_for ON runs (task_name, scheduled_for);
GO

CREATE TABLE run_attempts (
    run_id       VARCHAR(36)    NOT NULL,
    attempt      INT            NOT NULL,
    status       VARCHAR(16)    NOT NULL,
    reason       VARCHAR(64)    NULL,
    return_code  INT            NULL,
    host         NVARCHAR(128)  NOT NULL,
    started_at   BIGINT         NULL,
    finished_at  BIGINT         NULL,
    CONSTRAINT pk_run_attempts PRIMARY KEY (run_id, attempt)
);
GO

-- Append-only; ids come from the database, never from the caller.
CREATE TABLE run_events (
    id           BIGINT         IDENTITY(1, 1) NOT NULL CONSTRAINT pk_run_events PRIMARY KEY,
    run_id       VARCHAR(36)    NOT NULL,
    attempt      INT            NOT NULL,
    at           BIGINT         NOT NULL,
    actor        NVARCHAR(128)  NOT NULL,
    from_status  VARCHAR(16)    NULL,
    to_status    VARCHAR(16)    NOT NULL,
    detail       NVARCHAR(MAX)  NULL
);
GO

CREATE INDEX ix_run_events_run_id ON run_events (run_id);
GO

CREATE TABLE agents (
    name           NVARCHAR(128) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_agents PRIMARY KEY,
    version        NVARCHAR(64)  NOT NULL,
    capacity       INT           NOT NULL,
    running        INT           NOT NULL CONSTRAINT df_agents_running DEFAULT 0,
    last_heartbeat BIGINT        NOT NULL,
    started_at     BIGINT        NOT NULL
);
GO
