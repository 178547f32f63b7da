-- 0010: inspections of the reform (kiểm tra CCHC, issue 15): a yearly plan
-- of an inspecting unit, its inspections (team, dates, scope: units and
-- fields), the conclusion notice (Thông báo kết luận kiểm tra) and the
-- findings, each remedied as an ordinary task of the inspected unit.
-- Every change is in the audit trail (src/store/sqlite_audit.c).

-- Settings an administrator may change.  coverage_target: the share of
-- units a year's plan aims to inspect.  Default 0.20 from Cao Bằng's 2025
-- PAR plan ("kiểm tra ≥ 20% cơ quan, đơn vị"); no national minimum was
-- found, and the 2026 value is in Plan 4110/KH-UBND, not at hand.
CREATE TABLE inspection_setting (
	key    TEXT PRIMARY KEY,
	value  TEXT NOT NULL,
	source TEXT NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO inspection_setting VALUES ('coverage_target', '0.20',
	'Kế hoạch CCHC năm 2025 của tỉnh Cao Bằng: kiểm tra ít nhất 20% số cơ quan, đơn vị');

-- Units that inspect others besides the agencies leading a reform field
-- (which inspect within their fields): the PPC Office and the provincial
-- inspectorate.  Codes of data-seed/units-caobang.tsv.
CREATE TABLE inspection_body (
	unit_code TEXT PRIMARY KEY,
	note      TEXT NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO inspection_body VALUES
	('SNV', 'Sở Nội vụ: cơ quan chủ trì công tác CCHC'),
	('VPUBND', 'Văn phòng UBND tỉnh: kiểm soát thủ tục hành chính'),
	('TTT', 'Thanh tra tỉnh');

-- Severity of a finding.  The three levels follow the scale of violations
-- in the discipline rules (NĐ 112/2020, NĐ 172/2025): ít nghiêm trọng,
-- nghiêm trọng, rất nghiêm trọng; rows may be added or renamed.
CREATE TABLE finding_severity (
	code TEXT PRIMARY KEY,
	seq  INTEGER NOT NULL,
	name TEXT NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO finding_severity VALUES
	('minor', 1, 'Ít nghiêm trọng'),
	('serious', 2, 'Nghiêm trọng'),
	('very_serious', 3, 'Rất nghiêm trọng');

-- kind: 'inspection' of other units, or 'self' (a unit over itself and the
-- units under it).  target_share is the coverage the plan aims at.
CREATE TABLE inspection_plan (
	id                 INTEGER PRIMARY KEY,
	year               INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
	kind               TEXT NOT NULL CHECK (kind IN ('inspection','self')),
	inspecting_unit_id INTEGER NOT NULL REFERENCES unit(id),
	title              TEXT NOT NULL,
	document_ref       TEXT,
	target_share       REAL NOT NULL CHECK (target_share > 0 AND target_share <= 1),
	created_at         TEXT NOT NULL,
	created_by         TEXT NOT NULL
) STRICT;

-- planned -> in_progress -> concluded; dates only move forward.
-- conclusion_document_id: the notice, a document (type TB) whose tasks are
-- the findings' remediation.
CREATE TABLE inspection (
	id                     INTEGER PRIMARY KEY,
	plan_id                INTEGER NOT NULL REFERENCES inspection_plan(id),
	title                  TEXT NOT NULL,
	team                   TEXT NOT NULL CHECK (json_valid(team)),
	planned_from           TEXT NOT NULL,
	planned_to             TEXT NOT NULL CHECK (planned_to >= planned_from),
	status                 TEXT NOT NULL DEFAULT 'planned'
	                       CHECK (status IN ('planned','in_progress','concluded')),
	started_on             TEXT,
	concluded_on           TEXT CHECK (concluded_on >= started_on),
	conclusion             TEXT,
	conclusion_document_id INTEGER REFERENCES document(id),
	created_at             TEXT NOT NULL,
	created_by             TEXT NOT NULL
) STRICT;
CREATE INDEX inspection_plan_idx ON inspection(plan_id);

CREATE TABLE inspection_unit (
	inspection_id INTEGER NOT NULL REFERENCES inspection(id),
	unit_id       INTEGER NOT NULL REFERENCES unit(id),
	PRIMARY KEY (inspection_id, unit_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX inspection_unit_unit ON inspection_unit(unit_id);

CREATE TABLE inspection_field (
	inspection_id INTEGER NOT NULL REFERENCES inspection(id),
	field_id      INTEGER NOT NULL REFERENCES field(id),
	PRIMARY KEY (inspection_id, field_id)
) STRICT, WITHOUT ROWID;

-- A shortcoming of one unit.  Its remediation is task_id's one assignment
-- (assignment_id), tracked like any other work.  verification: none yet,
-- accepted, or returned (with return_reason; the assignment is reopened).
CREATE TABLE finding (
	id             INTEGER PRIMARY KEY,
	inspection_id  INTEGER NOT NULL REFERENCES inspection(id),
	unit_id        INTEGER NOT NULL REFERENCES unit(id),
	field_id       INTEGER NOT NULL REFERENCES field(id),
	severity       TEXT NOT NULL REFERENCES finding_severity(code),
	content        TEXT NOT NULL,
	recommendation TEXT NOT NULL,
	due_workdays   INTEGER NOT NULL CHECK (due_workdays BETWEEN 1 AND 1000),
	deadline       TEXT NOT NULL,
	task_id        INTEGER NOT NULL REFERENCES task(id),
	assignment_id  INTEGER NOT NULL REFERENCES assignment(id),
	verification   TEXT NOT NULL DEFAULT 'none' CHECK (verification IN ('none','accepted','returned')),
	return_reason  TEXT,
	verified_at    TEXT,
	verified_by    TEXT,
	created_at     TEXT NOT NULL,
	created_by     TEXT NOT NULL
) STRICT;
CREATE INDEX finding_inspection ON finding(inspection_id);
CREATE INDEX finding_unit ON finding(unit_id);
