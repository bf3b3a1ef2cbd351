-- Purpose: the cijfers of an earlier-schema snapshot under today's name.
-- Parameters: none.
CREATE VIEW cijfers AS SELECT * FROM legacy.figures;
