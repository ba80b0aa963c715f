-- 041: fewer index writes per run. ix_runs_status (status) is a prefix of ix_runs_status_scheduled_for
-- (status, scheduled_for, run_id), which serves every query by status as well; keeping both rewrote an entry in
-- each on every status move.
DROP INDEX IF EXISTS ix_runs_status ON runs;
GO
