-- Purpose: record a published edition.
-- Parameters: $editie, $versie, $gepubliceerd_op, $auteur.
INSERT INTO editions VALUES ($editie, $versie, $gepubliceerd_op, $auteur);
