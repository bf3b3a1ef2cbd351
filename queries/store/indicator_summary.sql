-- Purpose: how many figures an indicator has and their sum (checks that an import is complete).
-- Parameters: $indicator.
SELECT count(*) AS aantal, coalesce(sum(waarde), 0) AS som FROM figures WHERE indicator = $indicator;
