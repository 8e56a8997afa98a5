-- +goose Up
-- Sessions of the web dashboard, by the SHA-256 of the cookie's secret. A
-- signed-out session keeps its row with ended_ns set, so that AnySession
-- knows a first start from a later one.
CREATE TABLE web_sessions (
	id          text PRIMARY KEY,
	secret_hash bytea NOT NULL UNIQUE,
	user_name   text NOT NULL,
	role        text NOT NULL,
	via         text NOT NULL,
	created_ns  bigint NOT NULL,
	expires_ns  bigint NOT NULL,
	ended_ns    bigint
);

-- One-time sign-in links printed by attest serve; used_ns is set when one
-- makes a session.
CREATE TABLE web_signin_links (
	secret_hash bytea PRIMARY KEY,
	expires_ns  bigint NOT NULL,
	used_ns     bigint
);

-- +goose Down
DROP TABLE web_signin_links;
DROP TABLE web_sessions;
