-- +goose Up
-- The guard on inserted records (00002) aborts with RAISE(ROLLBACK) instead
-- of RAISE(ABORT). Appends insert many rows per statement (INSERT OR
-- ROLLBACK); a statement that may abort half way makes SQLite copy every page
-- it changes into a statement journal first, so that the rest of the
-- transaction can go on without it. An append is all or nothing, so it never
-- goes on: a refused record now ends the whole transaction, and no page is
-- copied. The condition and the message are those of 00002.
DROP TRIGGER events_insert_v2;
-- +goose StatementBegin
CREATE TRIGGER events_insert_v2 BEFORE INSERT ON events
WHEN NEW.raw_hash IS NULL OR length(NEW.raw_hash) <> 32 OR NEW.pruned <> 0
BEGIN SELECT RAISE(ROLLBACK, 'audit log records are appended with the hash of their raw record and unpruned'); END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER events_insert_v2;
-- +goose StatementBegin
CREATE TRIGGER events_insert_v2 BEFORE INSERT ON events
WHEN NEW.raw_hash IS NULL OR length(NEW.raw_hash) <> 32 OR NEW.pruned <> 0
BEGIN SELECT RAISE(ABORT, 'audit log records are appended with the hash of their raw record and unpruned'); END;
-- +goose StatementEnd
