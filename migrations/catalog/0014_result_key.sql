-- The key that seals result tokens (worker-api/results/token.ts): made once, here, by the
-- database itself, so no deployment has a secret to set and every isolate reads the same
-- one. Replacing it makes every token issued before unreadable (docs/sharing.md).
CREATE TABLE server_keys (
  name TEXT PRIMARY KEY,
  key BLOB NOT NULL
);
INSERT INTO server_keys (name, key) VALUES ('results', randomblob(32));
