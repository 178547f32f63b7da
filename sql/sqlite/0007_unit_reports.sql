-- 0007: a unit's own periodic report (issue 6).  One row per unit and
-- period, moving draft -> submitted -> returned -> submitted ... ->
-- accepted; every change is in the audit trail (src/store/sqlite_audit.c).
--
-- figures is the snapshot of the unit's numbers from the periodic report,
-- taken when the draft is opened and again when it is submitted, so that
-- what the lead agency reviews is what the unit saw.  narrative holds the
-- unit's text per field: {"TTHC": "...", ...}.
--
-- first_submitted_at never changes once set: whether the unit reported on
-- time is judged on it (a report returned for corrections was still on
-- time), and a periodic report with an earlier cut-off stays the same.
CREATE TABLE unit_report (
	id                 INTEGER PRIMARY KEY,
	unit_id            INTEGER NOT NULL REFERENCES unit(id),
	period             TEXT NOT NULL,
	status             TEXT NOT NULL DEFAULT 'draft'
	                   CHECK (status IN ('draft','submitted','returned','accepted')),
	figures            TEXT NOT NULL CHECK (json_valid(figures)),
	narrative          TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(narrative)),
	difficulties       TEXT NOT NULL DEFAULT '',
	proposals          TEXT NOT NULL DEFAULT '',
	deadline           TEXT NOT NULL,
	created_at         TEXT NOT NULL,
	created_by         TEXT NOT NULL,
	updated_at         TEXT NOT NULL,
	first_submitted_at TEXT,
	submitted_at       TEXT,
	submitted_by       TEXT,
	returned_at        TEXT,
	returned_by        TEXT,
	comments           TEXT,
	accepted_at        TEXT,
	accepted_by        TEXT,
	UNIQUE (unit_id, period)
) STRICT;
CREATE INDEX unit_report_period ON unit_report(period, status);
