-- Purpose: what earlier published editions showed, which later editions must respect: for every
--          cell the most hiding status any other edition gave it.
-- Parameters: $editie (the edition being built; its own earlier publication does not bind it).
SELECT populatie, categorie, periode,
       CASE WHEN bool_or(status IN ('primair', 'secundair')) THEN 'secundair' ELSE 'waarde' END AS status
FROM edition_cells
WHERE editie <> $editie
GROUP BY populatie, categorie, periode
ORDER BY populatie, categorie, periode;
