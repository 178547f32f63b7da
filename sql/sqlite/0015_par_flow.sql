-- 0015: the PAR index's workflow (issue 14): draft -> submitted (the
-- head) -> under_appraisal (Home Affairs takes it) -> explanation_requested
-- (questions the unit answers within a number of working days; answered,
-- it goes back under appraisal) -> appraised -> approved (the PPC); an
-- approved assessment is reopened only by a leader, with a reason.
--
-- The status list of par_assessment grows.  SQLite cannot alter a CHECK
-- constraint, and rebuilding the table would trip the foreign keys of the
-- tables that refer to it; a CHECK that only admits more values changes
-- no stored byte, which is the case SQLite documents for editing the
-- schema text in place (lang_altertable.html, "make other kinds of table
-- schema changes", the writable_schema procedure).  The later CREATE
-- TABLEs in this migration change the schema cookie, so other connections
-- reload the schema.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql,
	'CHECK (status IN (''draft'',''submitted'',''appraised''))',
	'CHECK (status IN (''draft'',''submitted'',''under_appraisal'',''explanation_requested'',''appraised'',''approved''))')
WHERE type = 'table' AND name = 'par_assessment';
PRAGMA writable_schema = RESET;
-- Fails the migration when the text above was not found.
CREATE TEMP TABLE par_flow_migrated (ok INTEGER NOT NULL CHECK (ok = 1));
INSERT INTO par_flow_migrated SELECT count(*) FROM sqlite_schema
	WHERE type = 'table' AND name = 'par_assessment' AND sql LIKE '%''explanation_requested''%';
DROP TABLE par_flow_migrated;

ALTER TABLE par_assessment ADD COLUMN taken_at TEXT;
ALTER TABLE par_assessment ADD COLUMN taken_by TEXT;
ALTER TABLE par_assessment ADD COLUMN approved_at TEXT;
ALTER TABLE par_assessment ADD COLUMN approved_by TEXT;

-- A new version of a set in use points to the version it replaces.
ALTER TABLE par_set ADD COLUMN previous_id INTEGER REFERENCES par_set(id);

-- The appraiser's questions (giải trình), one per sub-criterion or about
-- the whole assessment (node_id NULL), and the unit's answers.
CREATE TABLE par_explanation (
	id            INTEGER PRIMARY KEY,
	assessment_id INTEGER NOT NULL REFERENCES par_assessment(id),
	node_id       INTEGER REFERENCES par_node(id),
	question      TEXT NOT NULL CHECK (length(question) > 0),
	asked_at      TEXT NOT NULL,
	asked_by      TEXT NOT NULL,
	due_on        TEXT NOT NULL,
	answer        TEXT,
	answered_at   TEXT,
	answered_by   TEXT
) STRICT;
CREATE INDEX par_explanation_assessment ON par_explanation(assessment_id, id);

-- A leader's reopening of an approved assessment, with its reason.
CREATE TABLE par_reopening (
	id            INTEGER PRIMARY KEY,
	assessment_id INTEGER NOT NULL REFERENCES par_assessment(id),
	reason        TEXT NOT NULL CHECK (length(reason) > 0),
	reopened_at   TEXT NOT NULL,
	reopened_by   TEXT NOT NULL
) STRICT;
CREATE INDEX par_reopening_assessment ON par_reopening(assessment_id, id);

-- Settings of the workflow.  explain_workdays: the working days a unit has
-- to answer the appraiser's questions.  No province's deadline was found
-- (MoHA has explanation reports uploaded with the self-assessment); 5
-- working days, a week's work, is a default to replace with the
-- province's plan.
CREATE TABLE par_setting (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL,
	note  TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO par_setting(key, value, note) VALUES
	('explain_workdays', '5', 'Số ngày làm việc đơn vị giải trình (mặc định, chưa có quy định của tỉnh)');

-- The head's PAR rating from the unit's index: the first row (by seq)
-- whose min_index the index reaches and, when not_bottom > 0, whose unit
-- is not among the not_bottom lowest of its kind.  The names are the
-- ratings of Decree 90/2020 (as Quảng Nam rates heads on PAR, QĐ
-- 1171/QĐ-UBND 2024); the thresholds follow the bands (>= 90 % MoHA's
-- group A, >= 80 % group B) and Party rule 124 (under 50 % of targets:
-- not completed).  No province's rule linking the index to the head's
-- rating was found: replace these with the province's decision.
CREATE TABLE par_head_rating (
	seq        INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	min_index  REAL NOT NULL CHECK (min_index BETWEEN 0 AND 100),
	not_bottom INTEGER NOT NULL DEFAULT 0 CHECK (not_bottom >= 0)
) STRICT;
INSERT INTO par_head_rating(seq, name, min_index, not_bottom) VALUES
	(1, 'Hoàn thành xuất sắc nhiệm vụ', 90, 3),
	(2, 'Hoàn thành tốt nhiệm vụ', 80, 0),
	(3, 'Hoàn thành nhiệm vụ', 50, 0),
	(4, 'Không hoàn thành nhiệm vụ', 0, 0);
