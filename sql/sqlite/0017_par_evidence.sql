-- 0017: the PAR index's evidence and derived proposals (issue 14).
--
-- Evidence per sub-criterion of an assessment: a file (stored once by its
-- SHA-256 under the evidence folder, as report evidence is) or a link to
-- a task, a report or a document already in the system.
CREATE TABLE par_evidence (
	id            INTEGER PRIMARY KEY,
	assessment_id INTEGER NOT NULL REFERENCES par_assessment(id),
	node_id       INTEGER NOT NULL REFERENCES par_node(id),
	kind          TEXT NOT NULL CHECK (kind IN ('file','task','report','document')),
	sha256        TEXT,
	filename      TEXT,
	mime          TEXT,
	size          INTEGER,
	ref_id        INTEGER,
	note          TEXT NOT NULL DEFAULT '',
	created_at    TEXT NOT NULL,
	created_by    TEXT NOT NULL,
	CHECK ((kind = 'file') = (sha256 IS NOT NULL AND ref_id IS NULL))
) STRICT;
CREATE INDEX par_evidence_assessment ON par_evidence(assessment_id, node_id);
CREATE INDEX par_evidence_sha ON par_evidence(sha256);

-- The unit's decision on a score proposed from operational data: the
-- proposal as it stood (points and the numbers behind it), accepted or
-- overridden with a reason the appraiser sees.
CREATE TABLE par_proposal (
	assessment_id INTEGER NOT NULL REFERENCES par_assessment(id),
	node_id       INTEGER NOT NULL REFERENCES par_node(id),
	proposed      REAL NOT NULL,
	basis         TEXT NOT NULL,
	decision      TEXT NOT NULL CHECK (decision IN ('accepted','overridden')),
	points        REAL NOT NULL,
	reason        TEXT NOT NULL DEFAULT '',
	decided_at    TEXT NOT NULL,
	decided_by    TEXT NOT NULL,
	PRIMARY KEY (assessment_id, node_id)
) STRICT, WITHOUT ROWID;
