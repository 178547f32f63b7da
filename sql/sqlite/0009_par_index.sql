-- 0009: the PAR index (Chỉ số CCHC, issue 14).
--
-- A criteria set is one tree per year and unit kind ('department' for the
-- provincial bodies, 'commune' for communes and wards): fields, criteria,
-- sub-criteria (level 1, 2, 3), each with its maximum.  Inner nodes score
-- the sum of their children; a leaf says how it is scored (rule, with the
-- levels or ratio thresholds in rule_params), what evidence it asks for
-- and which part scores it.  A top-level node with rule 'adjustment' is
-- the bonus/penalty part: signed, capped by its max_points, outside the
-- 100 points of the fields.
--
-- A set that any assessment uses is frozen: importing the same year and
-- kind again makes a new version.  Assessments keep the version they
-- were opened on.
CREATE TABLE par_set (
	id            INTEGER PRIMARY KEY,
	year          INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
	kind          TEXT NOT NULL CHECK (kind IN ('department','commune')),
	version       INTEGER NOT NULL DEFAULT 1,
	name          TEXT NOT NULL,
	note          TEXT NOT NULL DEFAULT '',
	is_example    INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0,1)),
	bands         TEXT CHECK (bands IS NULL OR json_valid(bands)),
	copied_from   INTEGER REFERENCES par_set(id),
	created_at    TEXT NOT NULL,
	created_by    TEXT NOT NULL,
	UNIQUE (year, kind, version)
) STRICT;

CREATE TABLE par_node (
	id            INTEGER PRIMARY KEY,
	set_id        INTEGER NOT NULL REFERENCES par_set(id),
	seq           INTEGER NOT NULL,
	code          TEXT NOT NULL,
	parent_code   TEXT,
	level         INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
	name          TEXT NOT NULL,
	max_points    REAL NOT NULL CHECK (max_points >= 0),
	rule          TEXT NOT NULL
	              CHECK (rule IN ('sum','yesno','levels','ratio','manual','adjustment')),
	rule_params   TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(rule_params)),
	evidence      TEXT NOT NULL DEFAULT '',
	scored_by     TEXT NOT NULL DEFAULT 'self' CHECK (scored_by IN ('self','appraisal','survey')),
	UNIQUE (set_id, code)
) STRICT;
CREATE INDEX par_node_set ON par_node(set_id, seq);

-- One assessment per unit, year and set: draft -> submitted (by the head)
-- -> appraised (by the PAR lead agency).
CREATE TABLE par_assessment (
	id            INTEGER PRIMARY KEY,
	set_id        INTEGER NOT NULL REFERENCES par_set(id),
	unit_id       INTEGER NOT NULL REFERENCES unit(id),
	year          INTEGER NOT NULL,
	status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','appraised')),
	created_at    TEXT NOT NULL,
	created_by    TEXT NOT NULL,
	updated_at    TEXT NOT NULL,
	submitted_at  TEXT,
	submitted_by  TEXT,
	appraised_at  TEXT,
	appraised_by  TEXT,
	UNIQUE (unit_id, year, set_id)
) STRICT;
CREATE INDEX par_assessment_year ON par_assessment(year, set_id);

-- Points per leaf: the unit's own, and the appraiser's with the reason
-- for a change (NULL until appraised).
CREATE TABLE par_score (
	assessment_id    INTEGER NOT NULL REFERENCES par_assessment(id),
	node_id          INTEGER NOT NULL REFERENCES par_node(id),
	self_points      REAL,
	self_note        TEXT NOT NULL DEFAULT '',
	appraised_points REAL,
	appraisal_reason TEXT,
	updated_at       TEXT NOT NULL,
	updated_by       TEXT NOT NULL,
	PRIMARY KEY (assessment_id, node_id)
) STRICT, WITHOUT ROWID;

-- The default result bands, used by a set that names none (set.bands):
-- Khánh Hòa's names (Tốt / Khá / Trung bình / Yếu) with the thresholds
-- of Nam Định's groups and MoHA's group A (>= 90 %).  Cao Bằng's own
-- bands were not found: replace them with the province's decision.
CREATE TABLE par_band (
	seq         INTEGER PRIMARY KEY,
	name        TEXT NOT NULL,
	min_percent REAL NOT NULL CHECK (min_percent BETWEEN 0 AND 100)
) STRICT;
INSERT INTO par_band(seq, name, min_percent) VALUES
	(1, 'Tốt', 90), (2, 'Khá', 80), (3, 'Trung bình', 70), (4, 'Yếu', 0);
