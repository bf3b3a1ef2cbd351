-- Purpose: carry the withdrawals of the previous version into the new one.
-- Parameters: none.
INSERT INTO edition_withdrawals SELECT * FROM previous.edition_withdrawals;
