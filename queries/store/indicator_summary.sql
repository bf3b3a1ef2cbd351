-- Purpose: how many cijfers an indicator has and their sum (checks that an import is complete).
-- Parameters: $indicator.
SELECT count(*) AS aantal, coalesce(sum(waarde), 0) AS som FROM cijfers WHERE indicator = $indicator;
