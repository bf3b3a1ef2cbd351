-- Purpose: insert the staged cells of a CBS download (after cbs/vervang_tabel removed the cells
--          of its earlier download).
-- Parameters: none (reads the registered relation staged_cbs_cijfers).
INSERT INTO cbs_cijfers
SELECT tabel, onderwerp, onderwerp_titel, eenheid, regio, regio_naam, regio_soort, periode,
       periode_soort, periode_label, einddatum, voorlopig, dimensies, dimensie_titels,
       CAST(waarde AS DECIMAL(38, 10)), status
FROM staged_cbs_cijfers;
