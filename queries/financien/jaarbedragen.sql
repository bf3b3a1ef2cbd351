-- Purpose: one amount per year for a yearly indicator (begroting or prognose).
-- Parameters: $indicator (e.g. 'wmo.begroting'), $gemeente, $eerste_jaar, $laatste_jaar.
SELECT jaar, periode, waarde
FROM cijfers
WHERE indicator = $indicator
  AND gemeente = $gemeente
  AND categorie = ''
  AND periode_soort = 'jaar'
  AND jaar BETWEEN $eerste_jaar AND $laatste_jaar
ORDER BY jaar;
