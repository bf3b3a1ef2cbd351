-- Purpose: bijzondere bijstand per category per quarter as the monitor shows it: categories
--          that average less than $overig_grens euro per quarter over the quarters shown are
--          merged into 'Overig' (energietoeslag categories never are: a name of $energietoeslag,
--          or such a name followed by more, as 'Energietoeslag 2023'), followed by the rows
--          'Eindtotaal' and 'Eindtotaal excl. Energietoeslag', whose rol names them for the
--          renderers (monitor.domain.roles).
-- Parameters: $gemeente, $eerste (first day, DATE), $laatste (peildatum, DATE),
--             $overig_grens (euro), $energietoeslag (list of category names), $kwartalen (number
--             of quarters shown, the denominator of the average).
WITH bedragen AS (
    SELECT periode, categorie, waarde
    FROM cijfers
    WHERE indicator = 'participatie.bijzondere_bijstand'
      AND gemeente = $gemeente
      AND categorie <> ''
      AND periode_soort = 'kwartaal'
      AND einddatum BETWEEN $eerste AND $laatste
), eenmalig AS (
    SELECT DISTINCT b.categorie
    FROM bedragen AS b, unnest($energietoeslag) AS t(naam)
    WHERE lower(b.categorie) = lower(t.naam)
       OR starts_with(lower(b.categorie), lower(t.naam) || ' ')
), rij_per_categorie AS (
    SELECT categorie,
           CASE WHEN categorie IN (SELECT categorie FROM eenmalig) THEN categorie
                WHEN sum(waarde) / $kwartalen < $overig_grens THEN 'Overig'
                ELSE categorie END AS rij
    FROM bedragen
    GROUP BY categorie
), regels AS (
    SELECT r.rij, b.periode, sum(b.waarde) AS waarde,
           CASE WHEN r.rij = 'Overig' THEN 2 WHEN r.rij IN (SELECT categorie FROM eenmalig) THEN 1
                ELSE 0 END AS groep
    FROM bedragen AS b JOIN rij_per_categorie AS r USING (categorie)
    GROUP BY ALL
)
SELECT rij, NULL AS rol, groep, periode, waarde FROM regels
UNION ALL
SELECT 'Eindtotaal', 'eindtotaal', 3, periode, sum(waarde) FROM bedragen GROUP BY periode
UNION ALL
SELECT 'Eindtotaal excl. Energietoeslag', 'eindtotaal_zonder_energietoeslag', 4, periode,
       sum(waarde) FILTER (WHERE categorie NOT IN (SELECT categorie FROM eenmalig))
FROM bedragen GROUP BY periode
ORDER BY groep, rij, periode;
