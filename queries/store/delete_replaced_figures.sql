-- Purpose: remove the published figures whose key is in the staged import (replace semantics).
-- Parameters: none.
DELETE FROM figures AS f
WHERE EXISTS (
    SELECT 1 FROM staged_figures AS s
    WHERE s.indicator = f.indicator AND s.periode = f.periode
      AND s.categorie = f.categorie AND s.gemeente = f.gemeente
);
