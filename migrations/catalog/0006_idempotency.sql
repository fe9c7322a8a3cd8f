-- Identify requests sent with an Idempotency-Key (recordings queued offline): the first
-- request claims the key (answer NULL while it runs), its answer is stored with the
-- identify count in one transaction, and every retry gets that answer back. `body_sha256`
-- tells a retry from a client bug (the same key with other records). Rows live until
-- `expires_at` (ms since the epoch); a Cron Trigger deletes expired ones.
CREATE TABLE idempotency (
  key         TEXT PRIMARY KEY,
  body_sha256 TEXT NOT NULL,
  answer      TEXT,
  claimed_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX idempotency_expiry ON idempotency (expires_at);
