-- Purpose: store the staged rows in the cijfers table.
-- Parameters: none.
INSERT INTO cijfers
SELECT indicator, periode, periode_soort, jaar, volgnummer, einddatum, categorie, gemeente,
       CAST(waarde AS DECIMAL(38, 10)), bron
FROM staged_cijfers;
