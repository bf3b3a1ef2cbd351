-- Purpose: the staged comparison row by row, for the diff of a figure upload (a few thousand
--          cijfers at most).
-- Parameters: none (reads the temporary view staged_comparison).
SELECT indicator, periode, categorie, gemeente, oud, nieuw, eerdere_periode
FROM staged_comparison
ORDER BY indicator, einddatum, periode, categorie, gemeente;
