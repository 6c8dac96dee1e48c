-- The read model of each run, kept in the same transaction as every journal append, so
-- `runway status`, history and the server's listings never fold journals or parse runbooks.
ALTER TABLE runs ADD COLUMN phase TEXT NOT NULL DEFAULT 'FORWARD';
ALTER TABLE runs ADD COLUMN finished_at TEXT;
ALTER TABLE runs ADD COLUMN reason TEXT;
ALTER TABLE runs ADD COLUMN awaiting_step TEXT;
ALTER TABLE runs ADD COLUMN awaiting_kind TEXT;
ALTER TABLE runs ADD COLUMN awaiting_reason TEXT;
ALTER TABLE runs ADD COLUMN awaiting_until TEXT;

CREATE TABLE run_steps (
    run_id      TEXT    NOT NULL,
    ordinal     INTEGER NOT NULL,
    step_id     TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    rollback    INTEGER NOT NULL,
    status      TEXT    NOT NULL,
    attempt     INTEGER NOT NULL,
    started_at  TEXT,
    finished_at TEXT,
    detail      TEXT,
    approvers   TEXT,
    confirmed_by TEXT,
    PRIMARY KEY (run_id, step_id)
);
CREATE INDEX run_steps_order ON run_steps (run_id, ordinal);
