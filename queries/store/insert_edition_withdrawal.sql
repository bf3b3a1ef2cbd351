-- Purpose: record the withdrawal of an edition.
-- Parameters: $editie, $versie, $reden, $auteur, $ingetrokken_op.
INSERT INTO edition_withdrawals VALUES ($editie, $versie, $reden, $auteur, $ingetrokken_op);
