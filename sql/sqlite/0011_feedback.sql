-- 0011: citizens' feedback (phản ánh, kiến nghị) on administrative
-- regulations (issue 17; Decree 20/2008/NĐ-CP as amended by Decree
-- 92/2017/NĐ-CP).  Complaints and denunciations are not kept here.
--
-- One row per feedback, moving received -> forwarded -> drafted ->
-- answered, or received -> rejected.  Deadlines are day numbers written
-- as YYYY-MM-DD, computed once from the working-day calendar and the
-- settings below when the feedback is received (an extension moves
-- answer_due and leaves answer_due_initial).  The sender's contact details
-- live in this table only; the public status and every list leave them out.
-- source_hash is the SHA-256 of the sender's network address, kept only to
-- limit how many a single address may send per hour.
CREATE TABLE feedback (
	id                 INTEGER PRIMARY KEY,
	code               TEXT NOT NULL UNIQUE,
	channel            TEXT NOT NULL CHECK (channel IN ('web','letter','phone','email','portal')),
	procedure_name     TEXT NOT NULL DEFAULT '',
	unit_concerned     TEXT NOT NULL DEFAULT '',
	content            TEXT NOT NULL,
	proposal           TEXT NOT NULL DEFAULT '',
	sender_name        TEXT NOT NULL,
	sender_address     TEXT NOT NULL DEFAULT '',
	sender_phone       TEXT NOT NULL DEFAULT '',
	sender_email       TEXT NOT NULL DEFAULT '',
	consent_publish    INTEGER NOT NULL DEFAULT 0 CHECK (consent_publish IN (0, 1)),
	source_hash        TEXT,
	receiving_unit_id  INTEGER NOT NULL REFERENCES unit(id),
	handling_unit_id   INTEGER REFERENCES unit(id),
	status             TEXT NOT NULL DEFAULT 'received'
	                   CHECK (status IN ('received','rejected','forwarded','drafted','answered')),
	received_on        TEXT NOT NULL,
	classify_due       TEXT NOT NULL,
	answer_due         TEXT NOT NULL,
	answer_due_initial TEXT NOT NULL,
	created_at         TEXT NOT NULL,
	created_by         TEXT NOT NULL,
	classified_on      TEXT,
	classified_by      TEXT,
	reject_reason      TEXT,
	answer             TEXT,
	drafted_at         TEXT,
	drafted_by         TEXT,
	answered_on        TEXT,
	approved_by        TEXT,
	published          INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
	satisfied          INTEGER CHECK (satisfied IN (0, 1)),
	rated_on           TEXT
) STRICT;
CREATE INDEX feedback_status ON feedback(status, answer_due);
CREATE INDEX feedback_handling ON feedback(handling_unit_id);
CREATE INDEX feedback_source ON feedback(source_hash, created_at);

-- Extensions of the answer's deadline, each with its reason.
CREATE TABLE feedback_extension (
	id          INTEGER PRIMARY KEY,
	feedback_id INTEGER NOT NULL REFERENCES feedback(id),
	workdays    INTEGER NOT NULL CHECK (workdays BETWEEN 1 AND 60),
	reason      TEXT NOT NULL,
	old_due     TEXT NOT NULL,
	new_due     TEXT NOT NULL,
	created_at  TEXT NOT NULL,
	created_by  TEXT NOT NULL
) STRICT;

-- The numbers the handling rules depend on, changeable without a new
-- build (docs/configuration.md gives each one's source).  The day counts
-- of the decrees are not verified for Cao Bằng after the 2025 reform.
CREATE TABLE feedback_setting (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL,
	note  TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO feedback_setting(key, value, note) VALUES
	('receiving_unit', 'VPUBND', 'the unit that receives and classifies (VP UBND tỉnh; assumed for Cao Bằng)'),
	('classify_workdays', '5', 'forward to the competent unit within 05 working days (NĐ 92/2017)'),
	('answer_days', '20', 'answer within 20 days of receipt (TT 02/2017/TT-VPCP; QĐ 574/QĐ-TTg)'),
	('answer_days_kind', 'calendar', 'calendar: the sources say "20 ngày"; working: counted in working days'),
	('max_extension_workdays', '20', 'no formal extension exists in the decrees: a local limit'),
	('rate_limit', '5', 'public submissions accepted from one address per window'),
	('rate_window_minutes', '60', 'the window of the rate limit'),
	('answer_max_bytes', '20000', 'the longest answer accepted');
