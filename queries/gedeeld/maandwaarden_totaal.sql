-- Purpose: the total of an indicator per month: the figure without category where one was
--          delivered, otherwise (for amounts) the sum over its categories.
-- Parameters: $indicator, $gemeente, $eerste (first day, DATE), $laatste (peildatum, DATE),
--             $som_categorieen (sum the categories when no total was delivered; false for
--             person counts, where a client in two categories counts once).
SELECT jaar,
       volgnummer AS maand,
       periode,
       coalesce(max(waarde) FILTER (WHERE categorie = ''),
                CASE WHEN $som_categorieen THEN sum(waarde) FILTER (WHERE categorie <> '') END) AS waarde
FROM cijfers
WHERE indicator = $indicator
  AND gemeente = $gemeente
  AND periode_soort = 'maand'
  AND einddatum BETWEEN $eerste AND $laatste
GROUP BY jaar, volgnummer, periode
ORDER BY jaar, maand;
