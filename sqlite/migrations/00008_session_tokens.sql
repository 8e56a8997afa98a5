-- +goose Up
-- The API token a dashboard session signed in with, so that revoking the
-- token ends its sessions (NULL for single sign-on and sign-in links).
ALTER TABLE web_sessions ADD COLUMN token_id TEXT;
CREATE INDEX web_sessions_token ON web_sessions (token_id) WHERE token_id IS NOT NULL;

-- +goose Down
DROP INDEX web_sessions_token;
ALTER TABLE web_sessions DROP COLUMN token_id;
