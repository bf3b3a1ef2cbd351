-- Purpose: save a text for an edition and key.
-- Parameters: $editie, $sleutel, $tekst, $auteur, $aangemaakt_op, $versie.
INSERT INTO texts VALUES ($editie, $sleutel, $tekst, $auteur, $aangemaakt_op, $versie);
