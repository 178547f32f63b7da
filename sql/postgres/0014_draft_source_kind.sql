-- 0014: a draft read from a PDF says so (source_kind 'pdf'), where it was
-- stored as 'txt' before.  The CHECK constraint is replaced.

ALTER TABLE document_draft DROP CONSTRAINT document_draft_source_kind_check;
ALTER TABLE document_draft ADD CONSTRAINT document_draft_source_kind_check
	CHECK (source_kind IN ('text','txt','docx','pdf'));
