-- Purpose: the editions of an earlier-schema snapshot under today's column names.
-- Parameters: none.
CREATE VIEW editions AS
SELECT editie, version AS versie, published_at AS gepubliceerd_op, author AS auteur
FROM legacy.editions;
