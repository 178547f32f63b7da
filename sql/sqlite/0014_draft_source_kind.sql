-- 0014: a draft read from a PDF says so (source_kind 'pdf'), where it was
-- stored as 'txt' before.  SQLite cannot change a CHECK constraint, so the
-- table is rebuilt: created anew, its rows copied, the old one dropped, the
-- new one renamed and its index recreated.  No other table refers to it.

CREATE TABLE document_draft_new (
	id           INTEGER PRIMARY KEY,
	source_name  TEXT,
	source_kind  TEXT NOT NULL CHECK (source_kind IN ('text','txt','docx','pdf')),
	text         TEXT NOT NULL,          -- the document's text as read (NFC)
	parsed       TEXT NOT NULL,          -- JSON: the parser's output, unchanged
	draft        TEXT NOT NULL,          -- JSON: document fields and proposed tasks with their unit mapping
	status       TEXT NOT NULL DEFAULT 'draft'
	             CHECK (status IN ('draft','confirmed','discarded')),
	document_id  INTEGER REFERENCES document(id),
	created_at   TEXT NOT NULL,
	updated_at   TEXT NOT NULL,
	confirmed_at TEXT,
	CHECK ((status = 'confirmed') = (document_id IS NOT NULL))
) STRICT;
INSERT INTO document_draft_new(id, source_name, source_kind, text, parsed, draft, status, document_id,
                               created_at, updated_at, confirmed_at)
	SELECT id, source_name, source_kind, text, parsed, draft, status, document_id,
	       created_at, updated_at, confirmed_at
	FROM document_draft;
DROP TABLE document_draft;
ALTER TABLE document_draft_new RENAME TO document_draft;
CREATE INDEX document_draft_status ON document_draft(status, id);
