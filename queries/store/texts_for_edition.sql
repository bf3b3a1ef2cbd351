-- Purpose: the current text per key of one edition (the newest save).
-- Parameters: $editie.
SELECT sleutel, tekst, auteur, aangemaakt_op, versie
FROM texts
WHERE editie = $editie
QUALIFY row_number() OVER (PARTITION BY sleutel ORDER BY versie DESC, aangemaakt_op DESC) = 1
ORDER BY sleutel;
