-- 0002: the working-day calendar as officials correct it, deadlines counted
-- in working days, and the reminders that chase late work with their two
-- channels (in-app notifications and a durable mail queue).
-- Dates are 'YYYY-MM-DD' (Vietnam time); instants 'YYYY-MM-DDTHH:MM:SSZ' (UTC).

-- The government's yearly decisions (exact Tết days, swapped Saturdays)
-- override the Labour Code rules; one row per day, the newest decision wins.
CREATE TABLE calendar_override (
	day        TEXT PRIMARY KEY,
	kind       TEXT NOT NULL CHECK (kind IN ('off','work')),
	name       TEXT NOT NULL DEFAULT '',
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- "N working days after receipt": when both are set, the assignments'
-- deadlines were computed from them with the calendar of the day the task
-- was created, and stay fixed afterwards like any other deadline.
ALTER TABLE task ADD COLUMN due_workdays INTEGER
	CHECK (due_workdays IS NULL OR due_workdays BETWEEN 1 AND 1000);
ALTER TABLE task ADD COLUMN received_on TEXT;

-- Whom to mail for a unit: its officers get the reminders about single
-- tasks, its head the weekly digest.  The demo leaves this empty.
CREATE TABLE unit_contact (
	id         INTEGER PRIMARY KEY,
	unit_id    INTEGER NOT NULL REFERENCES unit(id),
	role       TEXT NOT NULL CHECK (role IN ('head','officer')),
	email      TEXT NOT NULL,
	name       TEXT NOT NULL DEFAULT '',
	UNIQUE (unit_id, email)
) STRICT;

-- Every reminder produced, so that none is produced twice.  subject_id is
-- the assignment for reminders about one task, the addressed unit for
-- digests; day is the deadline (before, due), the anchor day of an
-- overdue round, the Monday of a weekly digest or the 1st of a month.
CREATE TABLE reminder_log (
	kind       TEXT NOT NULL,
	subject_id INTEGER NOT NULL,
	day        TEXT NOT NULL,
	created_at TEXT NOT NULL,
	PRIMARY KEY (kind, subject_id, day)
) STRICT, WITHOUT ROWID;

-- The bell in the web UI: notifications addressed to a unit.
CREATE TABLE notification (
	id         INTEGER PRIMARY KEY,
	unit_id    INTEGER NOT NULL REFERENCES unit(id),
	kind       TEXT NOT NULL,
	text       TEXT NOT NULL,
	link       TEXT NOT NULL,
	dedup_key  TEXT NOT NULL UNIQUE,
	created_at TEXT NOT NULL,
	read_at    TEXT
) STRICT;
CREATE INDEX notification_unit ON notification(unit_id, id);

-- Outgoing mail.  A row is claimed ('sending') in one transaction before
-- it goes to the SMTP server and marked 'sent' after, so two senders never
-- send it both; dedup_key (reminder key and address) keeps a reminder from
-- queueing the same letter twice.  'failed' rows are not retried.
CREATE TABLE mail_queue (
	id              INTEGER PRIMARY KEY,
	dedup_key       TEXT NOT NULL UNIQUE,
	recipient       TEXT NOT NULL,
	subject         TEXT NOT NULL,
	body            TEXT NOT NULL,
	status          TEXT NOT NULL DEFAULT 'queued'
	                CHECK (status IN ('queued','sending','sent','failed')),
	attempts        INTEGER NOT NULL DEFAULT 0,
	next_attempt_at TEXT NOT NULL,
	last_error      TEXT,
	created_at      TEXT NOT NULL,
	sent_at         TEXT
) STRICT;
CREATE INDEX mail_queue_due ON mail_queue(status, next_attempt_at);
