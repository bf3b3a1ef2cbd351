-- Purpose: the cijfers of one sociale-basis thema within the edition's window.
-- Parameters: $prefix (e.g. 'sociale_basis.mantelzorg.'), $gemeente, $eerste (first month end,
--             DATE), $laatste (peildatum, DATE).
SELECT indicator, periode, periode_soort, einddatum, waarde
FROM cijfers
WHERE starts_with(indicator, $prefix)
  AND gemeente = $gemeente
  AND categorie = ''
  AND einddatum BETWEEN $eerste AND $laatste
ORDER BY indicator, einddatum, periode;
