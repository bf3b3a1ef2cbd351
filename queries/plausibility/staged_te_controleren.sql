-- Purpose: what an import checks for plausibility: the staged cijfers, as the temporary view
--          te_controleren read by plausibility/afwijkingen (its history: plausibility/
--          staged_geschiedenis).
-- Parameters: none (reads the registered relation staged_cijfers).
CREATE OR REPLACE TEMP VIEW te_controleren AS
SELECT indicator, categorie, gemeente, periode, periode_soort, einddatum,
       CAST(waarde AS DECIMAL(38, 10)) AS waarde
FROM staged_cijfers;
