-- Purpose: the edition cells of an earlier-schema snapshot (unchanged since).
-- Parameters: none.
CREATE VIEW edition_cells AS SELECT * FROM legacy.edition_cells;
