-- Purpose: the history a publication is checked against: every stored cijfer, as the temporary
--          view geschiedenis read by plausibility/afwijkingen.
-- Parameters: none.
CREATE OR REPLACE TEMP VIEW geschiedenis AS
SELECT indicator, categorie, gemeente, periode_soort, einddatum, waarde FROM cijfers;
