-- 004: every force-start is its own run. Only scheduled occurrences keep the idempotent key
-- (tid, scheduled_for); a manual run (force-start, later manual retry or adhoc) is never merged with another.
ALTER TABLE runs ADD manual INT NOT NULL CONSTRAINT df_runs_manual DEFAULT 0 CONSTRAINT ck_runs_manual CHECK (manual IN (0, 1));
GO

ALTER TABLE runs DROP CONSTRAINT uq_runs_tid_scheduled_for;
GO

CREATE UNIQUE INDEX uq_runs_tid_scheduled_for ON runs (tid, scheduled_for) WHERE manual = 0;
CREATE INDEX ix_runs_tid_scheduled_for_all ON runs (tid, scheduled_for);
GO
