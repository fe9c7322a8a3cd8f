-- A partner key may let its pages send audio to the fallback identifier (ACRCloud) when the
-- catalog has no confident answer; off unless the key was issued with it.
ALTER TABLE api_keys ADD COLUMN allow_audio INTEGER NOT NULL DEFAULT 0;
