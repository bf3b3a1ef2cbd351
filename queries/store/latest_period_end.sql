-- Purpose: the last day of the latest month or quarter in the store (defines the default edition).
-- Parameters: $gemeente.
SELECT max(einddatum) FROM figures WHERE periode_soort <> 'jaar' AND gemeente = $gemeente;
