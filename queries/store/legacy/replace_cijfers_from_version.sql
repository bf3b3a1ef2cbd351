-- Purpose: a rollback to an earlier-schema snapshot: make the cijfers equal to its figures.
-- Parameters: none.
INSERT INTO cijfers SELECT * FROM earlier.figures;
