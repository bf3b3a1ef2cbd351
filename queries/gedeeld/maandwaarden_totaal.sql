-- Purpose: the total of an indicator per month: the figure without category where one was
--          delivered, otherwise (for amounts) the sum over its categories (the macro of
--          macros/totaal_per_periode.sql).
-- Parameters: $indicator, $gemeente, $eerste (first day, DATE), $laatste (peildatum, DATE),
--             $som_categorieen (sum the categories when no total was delivered; false for
--             person counts, where a client in two categories counts once), $categorie (one
--             category instead of the total; '' for the total).
SELECT jaar, volgnummer AS maand, periode, waarde
FROM totaal_per_periode($indicator, $gemeente, $eerste, $laatste, $som_categorieen, $categorie)
WHERE periode_soort = 'maand'
ORDER BY jaar, maand;
