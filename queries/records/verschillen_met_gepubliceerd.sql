-- Purpose: what publishing the staged (computed) figures changes, summed up: how many are new,
--          changed or unchanged, how many changes fall before the latest period of their
--          indicator (a revision), and the first $maximum changed figures. A records import can
--          stage hundreds of thousands of figures, so this stays in SQL instead of one Python
--          object per figure (monitor.ingest.diff does that for figure uploads).
-- Parameters: $maximum (reads the registered relation staged_figures).
WITH laatste AS (
    SELECT indicator, gemeente, max(einddatum) AS einddatum
    FROM (SELECT indicator, gemeente, einddatum FROM figures
          UNION ALL
          SELECT indicator, gemeente, einddatum FROM staged_figures)
    GROUP BY indicator, gemeente
), vergeleken AS (
    SELECT s.indicator, s.periode, s.categorie, s.gemeente, s.einddatum,
           CAST(s.waarde AS DECIMAL(38, 10)) AS nieuw, f.waarde AS oud,
           s.einddatum < l.einddatum AS eerdere_periode
    FROM staged_figures AS s
    JOIN laatste AS l USING (indicator, gemeente)
    LEFT JOIN figures AS f
      ON s.indicator = f.indicator AND s.periode = f.periode
     AND s.categorie = f.categorie AND s.gemeente = f.gemeente
)
SELECT count(*) FILTER (WHERE oud IS NULL) AS nieuw,
       count(*) FILTER (WHERE oud <> nieuw) AS gewijzigd,
       count(*) FILTER (WHERE oud <> nieuw AND eerdere_periode) AS eerdere_perioden,
       count(*) FILTER (WHERE oud = nieuw) AS ongewijzigd,
       coalesce(list({'indicator': indicator, 'periode': periode, 'categorie': categorie,
                      'gemeente': gemeente, 'oud': oud, 'nieuw': nieuw,
                      'eerdere_periode': eerdere_periode}
                     ORDER BY indicator, einddatum, periode, categorie, gemeente)
                FILTER (WHERE oud <> nieuw), [])[1:$maximum] AS voorbeelden
FROM vergeleken;
