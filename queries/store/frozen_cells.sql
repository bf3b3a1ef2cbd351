-- Purpose: what earlier published editions showed, which later editions must respect: for every
--          cell the most hiding status any other edition gave it. A cell shown as "niet
--          aangeleverd" showed nothing: it is no history and may be hidden later.
-- Parameters: $editie (the edition being built; its own earlier publication does not bind it).
SELECT populatie, categorie, periode,
       CASE WHEN bool_or(status IN ('primair', 'secundair')) THEN 'secundair' ELSE 'waarde' END AS status
FROM edition_cells
WHERE editie <> $editie AND status <> 'ontbreekt'
GROUP BY populatie, categorie, periode
ORDER BY populatie, categorie, periode;
