-- 0004: documents read from their text (issue 4).  A draft holds what
-- the parser read and what the officer is reviewing; confirming it
-- creates the document row and its tasks in one transaction and links
-- the draft to that document.  Drafts are kept after confirmation (or
-- discarding) as the record of what was read and what was changed.

-- The uploaded file's name (NULL for pasted text and for older rows).
ALTER TABLE document ADD COLUMN source_name TEXT;

CREATE TABLE document_draft (
	id           INTEGER PRIMARY KEY,
	source_name  TEXT,
	source_kind  TEXT NOT NULL CHECK (source_kind IN ('text','txt','docx')),
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
CREATE INDEX document_draft_status ON document_draft(status, id);
CREATE INDEX task_document ON task(document_id, id);
