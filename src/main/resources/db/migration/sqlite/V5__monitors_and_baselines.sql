-- What observe windows and armed triggers show while they watch: each rule's latest figures,
-- replaced as samples come in (at most once per sample) and removed when the window ends.
-- Not journaled: the journal keeps verdicts, not every sample.
CREATE TABLE run_monitors (
    run_id          TEXT    NOT NULL,
    scope           TEXT    NOT NULL,
    ordinal         INTEGER NOT NULL,
    rule            TEXT    NOT NULL,
    metric          TEXT    NOT NULL,
    value           REAL,
    shown           TEXT    NOT NULL,
    threshold       TEXT    NOT NULL,
    state           TEXT    NOT NULL,
    breaching_since TEXT,
    samples         INTEGER NOT NULL,
    until           TEXT,
    at              TEXT    NOT NULL,
    PRIMARY KEY (run_id, scope, ordinal)
);

-- Values probe and command monitors gave before the change (they have no history of their
-- own), kept so an observe window after a crash still compares against them.
CREATE TABLE run_baselines (
    run_id  TEXT NOT NULL,
    monitor TEXT NOT NULL,
    vals    TEXT NOT NULL,
    PRIMARY KEY (run_id, monitor)
);
