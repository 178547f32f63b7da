-- 0013: abuse of the public feedback form (issue 17).
--
-- feedback_mark: the receiving unit (the PPC Office) marks a feedback as
-- spam or as a duplicate of another one (by its tracking code), with a
-- reason; clearing the mark deletes the row.  A marked feedback leaves the
-- handling lists and the counts and never reaches the public page.
CREATE TABLE feedback_mark (
	feedback_id  BIGINT PRIMARY KEY REFERENCES feedback(id),
	mark         TEXT NOT NULL CHECK (mark IN ('spam','duplicate')),
	duplicate_of TEXT REFERENCES feedback(code),
	reason       TEXT NOT NULL,
	marked_at    TEXT NOT NULL,
	marked_by    TEXT NOT NULL,
	CHECK (CASE WHEN mark = 'duplicate' THEN duplicate_of IS NOT NULL ELSE duplicate_of IS NULL END)
);

-- The proof-of-work challenge asked of an address that has already sent a
-- few in the window.  A challenge is signed with this key (one row, made
-- on first use), so the server keeps no state per challenge; a solved
-- challenge is remembered in feedback_nonce until it expires, so that it
-- is used once.
CREATE TABLE feedback_key (
	id  BIGINT PRIMARY KEY CHECK (id = 1),
	key TEXT NOT NULL
);
CREATE TABLE feedback_nonce (
	nonce      TEXT PRIMARY KEY,
	expires_at TEXT NOT NULL
);
CREATE INDEX feedback_nonce_expiry ON feedback_nonce(expires_at);

INSERT INTO feedback_setting(key, value, note) VALUES
	('challenge_after', '3', 'a local choice: from the 4th public submission of an address within the window a solved challenge is needed'),
	('challenge_bits', '16', 'a local choice: leading zero bits of SHA-256(nonce:counter), about 65,000 tries (a second in a browser)'),
	('challenge_minutes', '10', 'a local choice: how long a challenge may be solved and sent');
