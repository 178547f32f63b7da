-- 0001: the core tracker.  Dates are 'YYYY-MM-DD' text (Vietnam time);
-- instants are 'YYYY-MM-DDTHH:MM:SSZ' text (UTC).  Names keep their NFC
-- form; *_fold columns hold the diacritic-free search key made in C.

CREATE TABLE unit (
	id          INTEGER PRIMARY KEY,
	code        TEXT NOT NULL UNIQUE,
	name        TEXT NOT NULL,
	name_fold   TEXT NOT NULL,
	short_name  TEXT,
	kind        TEXT NOT NULL CHECK (kind IN
	            ('province','department','agency','commune','ward','media','other')),
	parent_id   INTEGER REFERENCES unit(id),
	head_name   TEXT,
	head_title  TEXT,
	active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1))
) STRICT;
CREATE INDEX unit_parent ON unit(parent_id);

-- The seven groups of reform work, each led by one agency.
CREATE TABLE field (
	id           INTEGER PRIMARY KEY,
	code         TEXT NOT NULL UNIQUE,
	seq          INTEGER NOT NULL,
	name         TEXT NOT NULL,
	name_en      TEXT NOT NULL,
	lead_unit_id INTEGER REFERENCES unit(id)
) STRICT;

-- Plans (type KH) and directive documents (CV, CT, QD, TB, ...).
CREATE TABLE document (
	id             INTEGER PRIMARY KEY,
	type           TEXT NOT NULL,
	number         TEXT,
	symbol         TEXT,
	title          TEXT NOT NULL,
	year           INTEGER NOT NULL,
	issuer_unit_id INTEGER REFERENCES unit(id),
	issued_on      TEXT,
	body           TEXT,
	is_demo        INTEGER NOT NULL DEFAULT 0,
	created_at     TEXT NOT NULL
) STRICT;

CREATE TABLE indicator (
	id               INTEGER PRIMARY KEY,
	document_id      INTEGER NOT NULL REFERENCES document(id),
	field_id         INTEGER NOT NULL REFERENCES field(id),
	code             TEXT NOT NULL UNIQUE,
	name             TEXT NOT NULL,
	measure          TEXT NOT NULL,
	comparison       TEXT NOT NULL CHECK (comparison IN ('>=','<=','=')),
	target           REAL NOT NULL,
	baseline         REAL,
	is_sample        INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Append-only: the latest row for (indicator, unit, period) is the value.
CREATE TABLE measurement (
	id           INTEGER PRIMARY KEY,
	indicator_id INTEGER NOT NULL REFERENCES indicator(id),
	unit_id      INTEGER NOT NULL REFERENCES unit(id),
	period       TEXT NOT NULL,
	period_end   TEXT NOT NULL,
	value        REAL NOT NULL,
	reported_by  TEXT NOT NULL,
	reported_at  TEXT NOT NULL
) STRICT;
CREATE INDEX measurement_ind ON measurement(indicator_id, unit_id, period_end);

CREATE TABLE task (
	id          INTEGER PRIMARY KEY,
	document_id INTEGER NOT NULL REFERENCES document(id),
	field_id    INTEGER REFERENCES field(id),
	section     TEXT,
	title       TEXT NOT NULL,
	description TEXT,
	text_fold   TEXT NOT NULL,
	deadline    TEXT,
	recurrence  TEXT NOT NULL DEFAULT 'once' CHECK (recurrence IN
	            ('once','monthly','quarterly','semiannual','yearly','ongoing')),
	year        INTEGER NOT NULL,
	product     TEXT,
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX task_field ON task(field_id);

-- Who a task names: lead and cooperating units, and the groups as written.
CREATE TABLE task_unit (
	task_id INTEGER NOT NULL REFERENCES task(id),
	unit_id INTEGER NOT NULL REFERENCES unit(id),
	role    TEXT NOT NULL CHECK (role IN ('lead','coop')),
	PRIMARY KEY (task_id, unit_id)
) STRICT, WITHOUT ROWID;

-- The accountable pair task x unit, one per period for recurring tasks.
-- percent, first_report_on and completed_on summarise the reports so that
-- status needs no join; rev orders changes for readers that cache.
CREATE TABLE assignment (
	id              INTEGER PRIMARY KEY,
	task_id         INTEGER NOT NULL REFERENCES task(id),
	unit_id         INTEGER NOT NULL REFERENCES unit(id),
	field_id        INTEGER,
	period          TEXT NOT NULL DEFAULT '',
	deadline        TEXT NOT NULL,
	percent         INTEGER NOT NULL DEFAULT 0,
	first_report_on TEXT,
	completed_on    TEXT,
	rev             INTEGER NOT NULL DEFAULT 0,
	UNIQUE (task_id, unit_id, period)
) STRICT;
CREATE INDEX assignment_unit ON assignment(unit_id, deadline);
CREATE INDEX assignment_rev ON assignment(rev);

CREATE TABLE report (
	id            INTEGER PRIMARY KEY,
	assignment_id INTEGER NOT NULL REFERENCES assignment(id),
	percent       INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
	note          TEXT NOT NULL,
	completed_on  TEXT,
	reported_on   TEXT NOT NULL,
	reporter      TEXT NOT NULL,
	request_key   TEXT UNIQUE,
	created_at    TEXT NOT NULL
) STRICT;
CREATE INDEX report_assignment ON report(assignment_id, id);

-- Evidence files are stored once by content (data dir/evidence/ab/abcdef...).
CREATE TABLE evidence (
	report_id INTEGER NOT NULL REFERENCES report(id),
	sha256    TEXT NOT NULL,
	filename  TEXT NOT NULL,
	mime      TEXT NOT NULL,
	size      INTEGER NOT NULL
) STRICT;
CREATE INDEX evidence_report ON evidence(report_id);
CREATE INDEX evidence_sha ON evidence(sha256);

-- One counter orders every change to assignments.
-- unit_rev does the same for units, which caches also hold.
CREATE TABLE change_seq (
	one      INTEGER PRIMARY KEY CHECK (one = 1),
	rev      INTEGER NOT NULL,
	unit_rev INTEGER NOT NULL
) STRICT;
INSERT INTO change_seq VALUES (1, 0, 0);
CREATE TRIGGER unit_rev_ins AFTER INSERT ON unit BEGIN
	UPDATE change_seq SET unit_rev = unit_rev + 1;
END;
CREATE TRIGGER unit_rev_upd AFTER UPDATE ON unit BEGIN
	UPDATE change_seq SET unit_rev = unit_rev + 1;
END;
CREATE TRIGGER assignment_rev_ins AFTER INSERT ON assignment BEGIN
	UPDATE change_seq SET rev = rev + 1;
	UPDATE assignment SET rev = (SELECT rev FROM change_seq) WHERE id = NEW.id;
END;
CREATE TRIGGER assignment_rev_upd AFTER UPDATE OF percent, first_report_on, completed_on, deadline, unit_id, field_id ON assignment BEGIN
	UPDATE change_seq SET rev = rev + 1;
	UPDATE assignment SET rev = (SELECT rev FROM change_seq) WHERE id = NEW.id;
END;

-- Free-form key/value facts about this database (demo marker, ...).
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE INDEX assignment_task ON assignment(task_id, unit_id);
CREATE INDEX assignment_deadline ON assignment(deadline);
