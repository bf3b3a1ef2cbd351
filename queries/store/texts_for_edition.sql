-- Purpose: the current text per key of one edition (the newest save).
-- Parameters: $editie.
SELECT sleutel, tekst, author, created_at, version
FROM texts
WHERE editie = $editie
QUALIFY row_number() OVER (PARTITION BY sleutel ORDER BY version DESC, created_at DESC) = 1
ORDER BY sleutel;
