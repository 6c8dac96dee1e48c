-- People who sign in to the web UI. Only a PBKDF2 hash of each password is kept.
CREATE TABLE users (
    name          TEXT PRIMARY KEY,
    roles         TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL
);

-- Browser sessions: the SHA-256 of the session id (the cookie holds the id itself) and the
-- CSRF token unsafe requests of the session must carry. Removing a user ends their sessions.
CREATE TABLE sessions (
    id_hash    TEXT PRIMARY KEY,
    user_name  TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
    csrf       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen  TEXT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions(user_name);
