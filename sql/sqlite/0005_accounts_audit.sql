-- Accounts, roles, sessions, API tokens, sign-in throttling and the
-- hash-chained audit trail.  Secrets are stored only as SHA-256 (tokens)
-- or Argon2id (passwords).

CREATE TABLE account (
	id            INTEGER PRIMARY KEY,
	name          TEXT NOT NULL UNIQUE,
	unit_id       INTEGER NOT NULL REFERENCES unit(id),
	password_hash TEXT NOT NULL,
	active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
	created_at    TEXT NOT NULL
) STRICT;

CREATE TABLE account_role (
	account_id INTEGER NOT NULL REFERENCES account(id),
	role       TEXT NOT NULL CHECK (role IN
	           ('admin','leader','lead_agency','unit_officer','unit_head','inspector','viewer')),
	PRIMARY KEY (account_id, role)
) STRICT, WITHOUT ROWID;

CREATE TABLE session (
	token_hash TEXT PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES account(id),
	csrf       TEXT NOT NULL,
	address    TEXT NOT NULL,
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX session_account ON session(account_id);

-- A machine client's token acts for one unit with one role.
CREATE TABLE api_token (
	id         INTEGER PRIMARY KEY,
	token_hash TEXT NOT NULL UNIQUE,
	account_id INTEGER NOT NULL REFERENCES account(id),
	unit_id    INTEGER NOT NULL REFERENCES unit(id),
	role       TEXT NOT NULL,
	label      TEXT,
	created_at TEXT NOT NULL,
	revoked_at TEXT
) STRICT;

-- Failed sign-ins by account name ("account:NAME") and by address ("address:IP").
CREATE TABLE login_failure (key TEXT NOT NULL, at TEXT NOT NULL) STRICT;
CREATE INDEX login_failure_key ON login_failure(key, at);

-- Each record holds the SHA-256 of the previous one (prev_hash) and its
-- own (hash over prev_hash and every field), so an edit or a deletion made
-- in the database breaks the chain at that record.  Records are written by
-- triggers that each connection installs, in the same transaction as the
-- change they describe.
CREATE TABLE audit (
	id        INTEGER PRIMARY KEY,
	at        TEXT NOT NULL,
	actor     TEXT NOT NULL,
	address   TEXT NOT NULL,
	action    TEXT NOT NULL,
	entity    TEXT NOT NULL,
	entity_id TEXT NOT NULL,
	detail    TEXT NOT NULL,
	prev_hash TEXT NOT NULL,
	hash      TEXT NOT NULL
) STRICT;
CREATE INDEX audit_entity ON audit(entity, entity_id);
