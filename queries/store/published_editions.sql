-- Purpose: the published editions, newest peildatum first; a re-published edition counts once
--          (its latest publication).
-- Parameters: none.
SELECT editie, versie, gepubliceerd_op, auteur
FROM editions
QUALIFY row_number() OVER (PARTITION BY editie ORDER BY versie DESC) = 1
ORDER BY editie DESC;
