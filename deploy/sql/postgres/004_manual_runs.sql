-- 004: every force-start is its own run. Only scheduled occurrences keep the idempotent key
-- (tid, scheduled_for); a manual run (force-start, later manual retry or adhoc) is never merged with another.
ALTER TABLE runs ADD COLUMN manual INTEGER NOT NULL DEFAULT 0 CHECK (manual IN (0, 1));
ALTER TABLE runs DROP CONSTRAINT uq_runs_tid_scheduled_for;
CREATE UNIQUE INDEX uq_runs_tid_scheduled_for ON runs (tid, scheduled_for) WHERE manual = 0;
CREATE INDEX ix_runs_tid_scheduled_for_all ON runs (tid, scheduled_for);
