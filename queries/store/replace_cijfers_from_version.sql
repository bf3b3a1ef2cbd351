-- Purpose: a rollback: make the cijfers equal to those of an earlier, attached snapshot.
-- Parameters: none (the earlier snapshot is attached as `earlier`).
INSERT INTO cijfers SELECT * FROM earlier.cijfers;
