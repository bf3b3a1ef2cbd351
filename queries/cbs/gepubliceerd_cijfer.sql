-- Purpose: a rate as CBS publishes it (e.g. Wmo-cliënten per 1.000 inwoners) for the regions
--          asked, per period, leaving out CBS's '.'; for the comparison of a gemeente and
--          Nederland when the table has no denominator to compute groups from.
-- Parameters: $tabel, $onderwerp (CBS topic key), $dimensies (the other dimensions' codes, ''
--             for none), $leden (LIST of region codes).
SELECT regio, periode, periode_label, einddatum, waarde
FROM cbs_cijfers
WHERE tabel = $tabel AND onderwerp = $onderwerp AND dimensies = $dimensies
  AND list_contains($leden, regio) AND waarde IS NOT NULL
ORDER BY einddatum, periode, regio;
