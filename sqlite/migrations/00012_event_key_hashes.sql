-- +goose Up
-- Idempotent ingest (00003) with a compact index. event_keys held each
-- record's key as text, (source, dedup_key), in a primary key that every
-- append wrote in random places (most keys, such as CloudTrail's eventIDs,
-- are random): with keys of some 50 bytes, each append rewrote most of its
-- leaves. Now:
--   event_key_hashes  a 56-bit hash of each key (attest_key_hash, the first
--                     seven bytes of a SHA-256 of the source and key, see
--                     sqlite/keys.go) as the rowid, and the seq of its
--                     record: some 20 bytes a key, so a few times fewer
--                     pages, still in random places;
--   event_key_names   every key in full, by the seq of its record, written
--                     in seq order (only the last pages change), read to
--                     check a hash that is found: two keys never merge;
--   event_key_collisions  a key whose hash another key holds already, in
--                     full (rare: any two keys share a hash with a chance of 2^-56).
-- As before, each key is recorded once and kept as long as the log.
CREATE TABLE event_key_names (
	seq       INTEGER PRIMARY KEY,
	source    TEXT NOT NULL,
	dedup_key TEXT NOT NULL
);
CREATE TABLE event_key_hashes (
	hash INTEGER PRIMARY KEY,
	seq  INTEGER NOT NULL
);
CREATE TABLE event_key_collisions (
	source    TEXT NOT NULL,
	dedup_key TEXT NOT NULL,
	seq       INTEGER NOT NULL,
	PRIMARY KEY (source, dedup_key)
) WITHOUT ROWID;

-- The keys stored before this migration. The first key of a hash (lowest
-- seq) holds it; any other is a collision.
INSERT INTO event_key_names (seq, source, dedup_key)
SELECT seq, source, dedup_key FROM event_keys ORDER BY seq;
INSERT OR IGNORE INTO event_key_hashes (hash, seq)
SELECT attest_key_hash(source, dedup_key), seq FROM event_key_names ORDER BY seq;
INSERT INTO event_key_collisions (source, dedup_key, seq)
SELECT n.source, n.dedup_key, n.seq FROM event_key_names AS n
WHERE NOT EXISTS (SELECT 1 FROM event_key_hashes AS h WHERE h.hash = attest_key_hash(n.source, n.dedup_key) AND h.seq = n.seq);
DROP TABLE event_keys;

-- +goose Down
CREATE TABLE event_keys (
	source    TEXT NOT NULL,
	dedup_key TEXT NOT NULL,
	seq       INTEGER NOT NULL,
	PRIMARY KEY (source, dedup_key)
) WITHOUT ROWID;
INSERT INTO event_keys (source, dedup_key, seq) SELECT source, dedup_key, seq FROM event_key_names;
DROP TABLE event_key_collisions;
DROP TABLE event_key_hashes;
DROP TABLE event_key_names;
