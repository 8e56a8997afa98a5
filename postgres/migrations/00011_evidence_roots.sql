-- +goose Up
-- The roots each scan report covers; see the sqlite package's migration of
-- the same number.
CREATE TABLE evidence_roots (
	evidence_id bigint NOT NULL REFERENCES evidence (id),
	root        text NOT NULL,
	PRIMARY KEY (evidence_id, root)
);
CREATE INDEX evidence_roots_root ON evidence_roots (root, evidence_id);

-- The scans stored before this migration: the "roots" array of each body.
-- A body that cannot be read as JSON text gets no rows here (the dashboard
-- then reads the roots from the body), and never stops the migration.
-- +goose StatementBegin
DO $$
DECLARE
	r record;
	doc json;
BEGIN
	FOR r IN SELECT id, body FROM evidence WHERE kind = 'scan' LOOP
		BEGIN
			doc := convert_from(r.body, 'UTF8')::json;
			IF json_typeof(doc -> 'roots') = 'array' THEN
				INSERT INTO evidence_roots (evidence_id, root)
				SELECT DISTINCT r.id, x FROM json_array_elements_text(doc -> 'roots') AS x WHERE x <> ''
				ON CONFLICT DO NOTHING;
			END IF;
		EXCEPTION WHEN others THEN
			NULL;
		END;
	END LOOP;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER evidence_roots_guard BEFORE UPDATE OR DELETE OR TRUNCATE ON evidence_roots
	FOR EACH STATEMENT EXECUTE FUNCTION attest_refuse();

-- +goose Down
DROP TABLE evidence_roots;
