-- 002: the output agents stream while a run goes, kept for `easytask run logs` and the console.
-- One row per batch; (run, attempt, stream, seq) orders and de-duplicates redelivered batches.
CREATE TABLE run_output (
    run_id    TEXT NOT NULL,
    attempt   INTEGER NOT NULL,
    stream    VARCHAR(6) NOT NULL,
    seq       BIGINT NOT NULL,
    content   TEXT NOT NULL,
    PRIMARY KEY (run_id, attempt, stream, seq)
);
