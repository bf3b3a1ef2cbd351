-- Purpose: a reference group's figure per period as CBS defines a rate: the sum of the
--          members' numerators over the sum of their denominators (a ratio of sums, never an
--          average of the members' ratios), over the members that have both cijfers published
--          (not CBS's '.'), with how many members that were. Both sums are returned exactly; the
--          caller divides them (DuckDB would divide decimals as doubles).
-- Parameters: $teller_tabel, $teller (CBS topic key), $noemer_tabel, $noemer (topic key),
--             $dimensies, $noemer_dimensies (the other dimensions' codes of each, '' for
--             none), $leden (LIST of region codes).
WITH teller AS (
    SELECT regio, periode, periode_label, einddatum, waarde
    FROM cbs_cijfers
    WHERE tabel = $teller_tabel AND onderwerp = $teller AND dimensies = $dimensies
      AND list_contains($leden, regio) AND waarde IS NOT NULL
), noemer AS (
    SELECT regio, periode, waarde
    FROM cbs_cijfers
    WHERE tabel = $noemer_tabel AND onderwerp = $noemer AND dimensies = $noemer_dimensies
      AND list_contains($leden, regio) AND waarde IS NOT NULL
)
SELECT t.periode, t.periode_label, t.einddatum,
       sum(t.waarde) AS teller, sum(n.waarde) AS noemer,
       count(*) AS leden_met_cijfers
FROM teller AS t
JOIN noemer AS n USING (regio, periode)
GROUP BY t.periode, t.periode_label, t.einddatum
ORDER BY t.einddatum, t.periode;
