-- Purpose: publish the staged rows into the figures table.
-- Parameters: none.
INSERT INTO figures
SELECT indicator, periode, periode_soort, jaar, volgnummer, einddatum, categorie, gemeente,
       CAST(waarde AS DECIMAL(38, 10)), bron
FROM staged_figures;
