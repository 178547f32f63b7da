-- 0012: kept for a module landing in parallel; replaced by its own migration when merged.
SELECT 1;
