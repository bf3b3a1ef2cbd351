-- Purpose: remove the stored cijfers whose key is in the staged import (replace semantics).
-- Parameters: none.
DELETE FROM cijfers AS f
WHERE EXISTS (
    SELECT 1 FROM staged_cijfers AS s
    WHERE s.indicator = f.indicator AND s.periode = f.periode
      AND s.categorie = f.categorie AND s.gemeente = f.gemeente
);
