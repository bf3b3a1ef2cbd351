-- Purpose: the staged comparison summed up: how many cijfers are new, changed or unchanged, how
--          many changes revise an earlier period, and the first $maximum changed cijfers. A
--          records import can stage hundreds of thousands of cijfers, so this stays in SQL
--          instead of one Python object per cijfer.
-- Parameters: $maximum (reads the temporary view staged_comparison).
SELECT count(*) FILTER (WHERE oud IS NULL) AS nieuw,
       count(*) FILTER (WHERE oud <> nieuw) AS gewijzigd,
       count(*) FILTER (WHERE oud <> nieuw AND eerdere_periode) AS eerdere_perioden,
       count(*) FILTER (WHERE oud = nieuw) AS ongewijzigd,
       coalesce(list({'indicator': indicator, 'periode': periode, 'categorie': categorie,
                      'gemeente': gemeente, 'oud': oud, 'nieuw': nieuw,
                      'eerdere_periode': eerdere_periode}
                     ORDER BY indicator, einddatum, periode, categorie, gemeente)
                FILTER (WHERE oud <> nieuw), [])[1:$maximum] AS voorbeelden
FROM staged_comparison;
