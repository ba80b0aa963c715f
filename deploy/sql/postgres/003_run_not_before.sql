-- 003: a retry's wake-up time lives in the run row, so a restarted (or newly leading) scheduler waits it out
-- instead of sending the retry at once; re-checks and watches page through runs by status, oldest first.
ALTER TABLE runs ADD COLUMN not_before BIGINT NULL;
CREATE INDEX ix_runs_status_scheduled_for ON runs (status, scheduled_for, run_id);
