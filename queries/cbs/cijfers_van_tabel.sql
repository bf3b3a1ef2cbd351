-- Purpose: every stored cell of one CBS table, as CBS published it (for the import report, the
--          reference groups and the tests).
-- Parameters: $tabel (CBS table id).
SELECT tabel, onderwerp, onderwerp_titel, eenheid, regio, regio_naam, regio_soort, periode,
       periode_soort, periode_label, einddatum, voorlopig, dimensies, dimensie_titels, waarde,
       status
FROM cbs_cijfers
WHERE tabel = $tabel
ORDER BY onderwerp, regio, periode, dimensies;
