-- 0018: files attached to a feedback by its sender (issue 17).
--
-- The files are stored once by content with the report evidence
-- (DATA_DIR/evidence/ab/abcdef...); a row names the file for one feedback.
-- Rows are written in the feedback's own transaction: no feedback without
-- its files, no file row without its feedback.  A sender's file may hold
-- personal data: only the receiving and the handling unit see it; the
-- tracking page and the open data never list it.
CREATE TABLE feedback_attachment (
	id          INTEGER PRIMARY KEY,
	feedback_id INTEGER NOT NULL REFERENCES feedback(id),
	sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
	filename    TEXT NOT NULL,
	mime        TEXT NOT NULL,
	size        INTEGER NOT NULL,
	uploaded_at TEXT NOT NULL
) STRICT;
CREATE INDEX feedback_attachment_feedback ON feedback_attachment(feedback_id);

INSERT INTO feedback_setting(key, value, note) VALUES
	('attachment_max_files', '3', 'a local choice: files one public submission may carry (0 to 5; 0: none)'),
	('attachment_max_bytes', '20971520', 'a local choice: the largest attached file, as for report evidence (20 MB)');
