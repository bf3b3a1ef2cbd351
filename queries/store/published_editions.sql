-- Purpose: the published editions, newest peildatum first; a re-published edition counts once
--          (its latest publication).
-- Parameters: none.
SELECT editie, version, published_at, author
FROM editions
QUALIFY row_number() OVER (PARTITION BY editie ORDER BY version DESC) = 1
ORDER BY editie DESC;
