-- Purpose: record a published edition.
-- Parameters: $editie, $version, $published_at, $author.
INSERT INTO editions VALUES ($editie, $version, $published_at, $author);
