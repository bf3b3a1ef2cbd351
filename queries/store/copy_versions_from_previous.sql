-- Purpose: carry the history of the previous version into the new one.
-- Parameters: none.
INSERT INTO versions SELECT * FROM previous.versions;
