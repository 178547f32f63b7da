-- 0019: sweeps of the evidence folder.
--
-- A file is stored under its hash before the transaction that records it,
-- so a submission refused after its upload leaves a file no row names.
-- `cchc evidence sweep` and the server's scheduler remove such files once
-- they are older than a grace period; each sweep that removes anything is
-- one row here, and so one record in the audit trail.
CREATE TABLE evidence_sweep (
	id          INTEGER PRIMARY KEY,
	swept_at    TEXT NOT NULL,
	min_age     INTEGER NOT NULL,
	removed     INTEGER NOT NULL,
	bytes       INTEGER NOT NULL,
	kept_recent INTEGER NOT NULL
) STRICT;
