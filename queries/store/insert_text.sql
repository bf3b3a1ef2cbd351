-- Purpose: save a text for an edition and key.
-- Parameters: $editie, $sleutel, $tekst, $author, $created_at, $version.
INSERT INTO texts VALUES ($editie, $sleutel, $tekst, $author, $created_at, $version);
