-- Purpose: every figure of a snapshot in a fixed order (fingerprints in fault tests and audits).
-- Parameters: none.
SELECT indicator, periode, categorie, gemeente, waarde FROM cijfers ORDER BY ALL;
