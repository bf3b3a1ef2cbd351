-- Purpose: per indicator the latest period with a cijfer for the gemeente (the completeness of
--          an edition before it is published).
-- Parameters: $gemeente.
SELECT indicator, max(einddatum) AS einddatum, arg_max(periode, einddatum) AS periode
FROM cijfers
WHERE gemeente = $gemeente
GROUP BY indicator
ORDER BY indicator;
