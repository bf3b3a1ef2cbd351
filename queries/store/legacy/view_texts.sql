-- Purpose: the texts of an earlier-schema snapshot under today's column names.
-- Parameters: none.
CREATE VIEW texts AS
SELECT editie, sleutel, tekst, author AS auteur, created_at AS aangemaakt_op, version AS versie
FROM legacy.texts;
