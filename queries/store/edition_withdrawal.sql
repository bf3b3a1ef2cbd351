-- Purpose: the latest withdrawal of an edition that no later publication replaced, or nothing:
--          what a reader who opens a withdrawn edition is told.
-- Parameters: $editie.
SELECT w.reden, w.auteur, w.ingetrokken_op
FROM edition_withdrawals AS w
WHERE w.editie = $editie
  AND NOT EXISTS (SELECT 1 FROM editions AS e WHERE e.editie = w.editie AND e.versie > w.versie)
ORDER BY w.versie DESC
LIMIT 1;
