-- A progress report's author (report.reporter) is the signed-in account
-- that sent it.  The name a person types in the form is kept beside it, as
-- a display note only.
ALTER TABLE report ADD COLUMN reporter_note TEXT;
