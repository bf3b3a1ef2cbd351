-- Purpose: the categories stored per indicator, for the import check that a linked amount and
--          its count of persons name their categories alike.
-- Parameters: $indicatoren (LIST of indicator ids).
SELECT DISTINCT indicator, categorie FROM cijfers
WHERE list_contains($indicatoren, indicator) AND categorie <> ''
ORDER BY ALL;
