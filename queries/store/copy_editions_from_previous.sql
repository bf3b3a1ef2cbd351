-- Purpose: carry the editions of the previous version into the new one.
-- Parameters: none.
INSERT INTO editions SELECT * FROM previous.editions;
