-- +goose Up
-- Sessions of the web dashboard, by the SHA-256 of the cookie's secret. A
-- signed-out session keeps its row with ended_ns set, so that AnySession
-- knows a first start from a later one.
CREATE TABLE web_sessions (
	id          TEXT PRIMARY KEY,
	secret_hash BLOB NOT NULL UNIQUE,
	user_name   TEXT NOT NULL,
	role        TEXT NOT NULL,
	via         TEXT NOT NULL,
	created_ns  INTEGER NOT NULL,
	expires_ns  INTEGER NOT NULL,
	ended_ns    INTEGER
);

-- One-time sign-in links printed by attest serve; used_ns is set when one
-- makes a session.
CREATE TABLE web_signin_links (
	secret_hash BLOB PRIMARY KEY,
	expires_ns  INTEGER NOT NULL,
	used_ns     INTEGER
);

-- +goose Down
DROP TABLE web_signin_links;
DROP TABLE web_sessions;
