-- Purpose: the cijfers of the temporary view te_controleren that are implausible against their
--          own history in the view geschiedenis: more than $factor times, or less than one
--          $factor-th of, the median of the same series (indicator, categorie, gemeente and kind
--          of period) over at most $perioden earlier periods, when that history has at least
--          three periods and the larger of value and median is at least $minimum (3 against 40
--          is noise, not a slip); and counts of persons above $grootste_aantal, more than any
--          gemeente has inhabitants (an amount in the wrong column). Exact values: the result
--          is shown only to the beleidsmedewerker who imports or publishes, never to readers.
-- Parameters: $factor, $perioden, $minimum, $grootste_aantal, $personen (LIST of indicator ids
--             that count persons).
WITH vergeleken AS (
    SELECT t.indicator, t.categorie, t.gemeente, t.periode, t.einddatum, t.waarde,
           (SELECT median(g.waarde) FROM (
                SELECT waarde FROM geschiedenis AS h
                WHERE h.indicator = t.indicator AND h.categorie = t.categorie
                  AND h.gemeente = t.gemeente AND h.periode_soort = t.periode_soort
                  AND h.einddatum < t.einddatum
                ORDER BY h.einddatum DESC
                LIMIT $perioden) AS g) AS mediaan,
           (SELECT count(*) FROM (
                SELECT 1 FROM geschiedenis AS h
                WHERE h.indicator = t.indicator AND h.categorie = t.categorie
                  AND h.gemeente = t.gemeente AND h.periode_soort = t.periode_soort
                  AND h.einddatum < t.einddatum
                LIMIT $perioden)) AS perioden
    FROM te_controleren AS t
)
SELECT indicator, categorie, gemeente, periode, waarde, mediaan, perioden,
       CASE WHEN list_contains($personen, indicator) AND waarde > $grootste_aantal
            THEN 'te_groot' ELSE 'sprong' END AS soort
FROM vergeleken
WHERE (list_contains($personen, indicator) AND waarde > $grootste_aantal)
   OR (perioden >= 3
       AND greatest(abs(waarde), abs(mediaan)) >= $minimum
       AND (abs(waarde) > $factor * abs(mediaan) OR abs(waarde) * $factor < abs(mediaan)))
ORDER BY indicator, categorie, gemeente, einddatum;
