-- Purpose: the published figures that an import would replace or extend, for the diff, with
--          the latest period already published or uploaded for the same indicator and gemeente
--          (a change before it is a revision of an earlier period, e.g. by late declarations).
-- Parameters: none (reads the registered relation staged_figures).
WITH laatste AS (
    SELECT indicator, gemeente, max(einddatum) AS einddatum
    FROM (SELECT indicator, gemeente, einddatum FROM figures
          UNION ALL
          SELECT indicator, gemeente, einddatum FROM staged_figures)
    GROUP BY indicator, gemeente
)
SELECT s.indicator, s.periode, s.categorie, s.gemeente, s.einddatum,
       CAST(s.waarde AS DECIMAL(38, 10)) AS nieuw, f.waarde AS oud,
       s.einddatum < l.einddatum AS eerdere_periode
FROM staged_figures AS s
JOIN laatste AS l USING (indicator, gemeente)
LEFT JOIN figures AS f
  ON s.indicator = f.indicator AND s.periode = f.periode
 AND s.categorie = f.categorie AND s.gemeente = f.gemeente
ORDER BY s.indicator, s.einddatum, s.periode, s.categorie, s.gemeente;
