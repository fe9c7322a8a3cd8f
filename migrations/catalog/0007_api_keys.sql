-- Partner API keys. Only SHA-256 digests of keys are stored (`key_hash`; after a rotation
-- the old key's digest stays valid until `prev_expires_at`, ms since the epoch). Origins
-- live one per row, so a CORS preflight (which carries no key) can ask whether any live
-- key allows an origin.
CREATE TABLE api_keys (
  id                 TEXT PRIMARY KEY,
  name               TEXT NOT NULL,
  key_hash           TEXT NOT NULL UNIQUE,
  prev_hash          TEXT UNIQUE,
  prev_expires_at    INTEGER,
  rate_limit_per_min INTEGER NOT NULL,
  daily_quota        INTEGER NOT NULL,
  created_at         INTEGER NOT NULL,
  rotated_at         INTEGER,
  revoked_at         INTEGER
);

CREATE TABLE api_key_origins (
  origin TEXT NOT NULL,
  key_id TEXT NOT NULL REFERENCES api_keys (id),
  PRIMARY KEY (origin, key_id)
) WITHOUT ROWID;
