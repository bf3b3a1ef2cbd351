-- Purpose: a rollback: make the figures equal to those of an earlier, attached snapshot.
-- Parameters: none (the earlier snapshot is attached as `earlier`).
INSERT INTO figures SELECT * FROM earlier.figures;
