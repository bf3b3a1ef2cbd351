-- Purpose: the published editions, newest peildatum first; a re-published edition counts once
--          (its latest publication), a withdrawn one not at all unless it was published again
--          after the withdrawal: then it is a correction, with the reason of that withdrawal;
--          with the note of an edition published with gaps.
-- Parameters: none.
SELECT e.editie, e.versie, e.gepubliceerd_op, e.auteur,
       (SELECT w.reden FROM edition_withdrawals AS w
        WHERE w.editie = e.editie AND w.versie < e.versie
        ORDER BY w.versie DESC LIMIT 1) AS vervangt_reden,
       (SELECT n.opmerking FROM edition_notes AS n
        WHERE n.editie = e.editie AND n.versie = e.versie) AS opmerking
FROM editions AS e
WHERE NOT EXISTS (SELECT 1 FROM edition_withdrawals AS w
                  WHERE w.editie = e.editie AND w.versie > e.versie)
QUALIFY row_number() OVER (PARTITION BY e.editie ORDER BY e.versie DESC) = 1
ORDER BY e.editie DESC;
