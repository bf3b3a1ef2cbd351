-- Purpose: the categories stored per indicator, for the import checks that a linked amount and
--          its count of persons name their categories alike and that a new category name is not
--          a near miss of a stored one.
-- Parameters: $indicatoren (LIST of indicator ids).
SELECT DISTINCT indicator, categorie FROM cijfers
WHERE list_contains($indicatoren, indicator) AND categorie <> ''
ORDER BY ALL;
