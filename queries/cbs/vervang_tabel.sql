-- Purpose: replace one CBS table in the new snapshot by the staged download (relations
--          staged_cbs_cijfers and staged_cbs_tabel): CBS revises whole tables, so a table
--          downloaded again replaces every cell of its earlier download. This statement removes
--          the earlier cells; cbs/voeg_cijfers_toe and cbs/voeg_tabel_toe insert the new ones.
-- Parameters: $tabel (CBS table id).
DELETE FROM cbs_cijfers WHERE tabel = $tabel;
