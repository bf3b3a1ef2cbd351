-- Purpose: a stand per category on the last day of each quarter (tables such as clients per
--          voorziening, kenmerken of uitkeringen, banenafspraak).
-- Parameters: $indicator, $gemeente, $eerste (first day, DATE), $laatste (peildatum, DATE).
SELECT periode, categorie, waarde
FROM cijfers
WHERE indicator = $indicator
  AND gemeente = $gemeente
  AND categorie <> ''
  AND periode_soort = 'maand'
  AND volgnummer % 3 = 0
  AND einddatum BETWEEN $eerste AND $laatste
ORDER BY periode, categorie;
