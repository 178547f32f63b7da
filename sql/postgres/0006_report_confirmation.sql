-- A unit head's confirmation of a completion report.  Reports stay
-- append-only: a confirmation is a record of its own, one per report.
CREATE TABLE report_confirmation (
	report_id    BIGINT PRIMARY KEY REFERENCES report(id),
	confirmed_by TEXT NOT NULL,
	confirmed_at TEXT NOT NULL
);
