-- API tokens for `runway serve`. Only the SHA-256 of a token is kept: the token itself is
-- shown once, when it is created, and cannot be read back from the database.
CREATE TABLE api_tokens (
    id         TEXT PRIMARY KEY,
    user_name  TEXT    NOT NULL,
    roles      TEXT    NOT NULL,
    hash       TEXT    NOT NULL UNIQUE,
    created_at TEXT    NOT NULL,
    expires_at TEXT,
    revoked    INTEGER NOT NULL DEFAULT 0
);
