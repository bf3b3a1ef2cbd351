-- Purpose: the first and last day covered by monthly or quarterly cijfers (the editions that
--          can be shown).
-- Parameters: $gemeente.
SELECT min(einddatum) AS eerste, max(einddatum) AS laatste
FROM cijfers
WHERE periode_soort <> 'jaar' AND gemeente = $gemeente;
