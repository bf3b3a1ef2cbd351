-- Purpose: the one place that says what the total of an indicator in a period is: the cijfer
--          without category where one was delivered, otherwise (amounts only) the sum over its
--          categories; or, when a category is named, that category's cijfer. A temporary table macro over months and quarters; a DuckDB cursor does
--          not see another's temporary objects, so every cursor that runs a figure query
--          creates it first (monitor.figures.builders.FigureContext.query).
-- Parameters: none (the macro's arguments: the indicator, gemeente, first and last day,
--             whether categories may be summed: false for person counts, where a client in
--             two categories counts once, and the one category to read instead of the total:
--             '' for the total).
CREATE OR REPLACE TEMP MACRO totaal_per_periode(van_indicator, van_gemeente, vanaf, tot_en_met,
                                                som_categorieen, van_categorie) AS TABLE
SELECT periode_soort,
       jaar,
       volgnummer,
       any_value(periode) AS periode,
       coalesce(max(waarde) FILTER (WHERE categorie = van_categorie),
                sum(waarde) FILTER (WHERE van_categorie = '' AND categorie <> ''
                                          AND som_categorieen)) AS waarde
FROM cijfers
WHERE indicator = van_indicator
  AND gemeente = van_gemeente
  AND periode_soort IN ('maand', 'kwartaal')
  AND einddatum BETWEEN vanaf AND tot_en_met
GROUP BY periode_soort, jaar, volgnummer;
