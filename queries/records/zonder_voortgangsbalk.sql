-- Purpose: no progress bar for long queries on this connection: it would write to stdout in the
--          middle of the import report.
-- Parameters: none.
SET enable_progress_bar = false;
