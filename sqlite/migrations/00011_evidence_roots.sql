-- +goose Up
-- The roots (root modules, input files and folders) each scan report
-- covers, so that the dashboard finds the latest and the previous scan of a
-- repository and root without reading report bodies. Written with the
-- evidence, in the same transaction, and never changed.
CREATE TABLE evidence_roots (
	evidence_id INTEGER NOT NULL REFERENCES evidence (id),
	root        TEXT NOT NULL,
	PRIMARY KEY (evidence_id, root)
) WITHOUT ROWID;
CREATE INDEX evidence_roots_root ON evidence_roots (root, evidence_id);

-- The scans stored before this migration: the "roots" array of each body.
-- A body that is not valid JSON gets no rows here; the dashboard reads the
-- roots of such a scan from its body.
INSERT OR IGNORE INTO evidence_roots (evidence_id, root)
SELECT e.id, j.value
FROM (SELECT id, CASE WHEN json_valid(CAST(body AS TEXT)) THEN CAST(body AS TEXT) ELSE '{}' END AS doc
      FROM evidence WHERE kind = 'scan') AS e,
     json_each(e.doc, '$.roots') AS j
WHERE json_type(e.doc, '$.roots') = 'array' AND j.type = 'text' AND j.value <> '';

-- +goose StatementBegin
CREATE TRIGGER evidence_roots_no_update BEFORE UPDATE ON evidence_roots
BEGIN SELECT RAISE(ABORT, 'evidence cannot be modified'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER evidence_roots_no_delete BEFORE DELETE ON evidence_roots
BEGIN SELECT RAISE(ABORT, 'evidence cannot be deleted'); END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE evidence_roots;
