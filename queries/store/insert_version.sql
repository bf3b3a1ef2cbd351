-- Purpose: record a new version in the history.
-- Parameters: $version, $created_at, $author, $action, $description, $rows_written.
INSERT INTO versions VALUES ($version, $created_at, $author, $action, $description, $rows_written);
