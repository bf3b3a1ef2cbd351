-- Purpose: the versions of an earlier-schema snapshot under today's column names.
-- Parameters: none.
CREATE VIEW versions AS
SELECT version, created_at, author, action, description, figures_written AS rows_written
FROM legacy.versions;
