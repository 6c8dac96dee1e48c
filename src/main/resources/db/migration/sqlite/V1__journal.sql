-- The journal: every run's events and every other audited action, in one global order.
-- Each row carries the hash of the previous row, so editing, deleting or reordering rows
-- breaks the chain (runway audit verify).
CREATE TABLE journal (
    seq       INTEGER PRIMARY KEY,
    run_id    TEXT,
    run_seq   INTEGER,
    at        TEXT    NOT NULL,
    actor     TEXT    NOT NULL,
    type      TEXT    NOT NULL,
    payload   TEXT    NOT NULL,
    prev_hash TEXT    NOT NULL,
    hash      TEXT    NOT NULL,
    UNIQUE (run_id, run_seq)
);

-- One row per run, updated in the same transaction as each append: listings never fold.
CREATE TABLE runs (
    id          TEXT PRIMARY KEY,
    runbook     TEXT NOT NULL,
    environment TEXT NOT NULL,
    title       TEXT NOT NULL,
    file        TEXT NOT NULL,
    initiator   TEXT NOT NULL,
    status      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    vars        TEXT NOT NULL,
    last_seq    INTEGER NOT NULL,
    owner       TEXT,
    lease_until TEXT
);
CREATE INDEX runs_created ON runs (created_at DESC, id DESC);

-- At most one unfinished run per release target (runbook name + environment).
CREATE TABLE locks (
    lock_key    TEXT PRIMARY KEY,
    run_id      TEXT NOT NULL,
    acquired_at TEXT NOT NULL
);

-- Captured step output, masked and bounded before it gets here.
CREATE TABLE step_output (
    id      INTEGER PRIMARY KEY,
    run_id  TEXT    NOT NULL,
    step_id TEXT    NOT NULL,
    attempt INTEGER NOT NULL,
    text    TEXT    NOT NULL
);
CREATE INDEX step_output_run ON step_output (run_id, step_id, id);
