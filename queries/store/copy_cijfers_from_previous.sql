-- Purpose: carry the stored cijfers of the previous version into the new one.
-- Parameters: none.
INSERT INTO cijfers SELECT * FROM previous.cijfers;
