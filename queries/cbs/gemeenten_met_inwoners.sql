-- Purpose: every gemeente of a CBS table with its number of inwoners per period, from which the
--          gemeentegrootteklasse of each is derived (monitor.figures.reference_groups).
-- Parameters: $tabel, $onderwerp (the topic that counts inwoners, e.g. AantalInwoners_5).
SELECT regio, regio_naam, periode, waarde AS inwoners
FROM cbs_cijfers
WHERE tabel = $tabel AND onderwerp = $onderwerp AND regio_soort = 'gemeente'
  AND waarde IS NOT NULL
ORDER BY periode, regio;
