-- 0013: number held for a change made in parallel (its own file replaces this
-- one when the branches are merged).  Nothing to do.
SELECT 1;
