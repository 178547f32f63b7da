-- 0015: reserved for a migration of parallel work; this file holds its place until that one is merged.
SELECT 1;
