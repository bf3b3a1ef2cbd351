-- Purpose: the history of the store, newest first, with the files of each version.
-- Parameters: none.
SELECT v.version, v.created_at, v.author, v.action, v.description, v.rows_written,
       coalesce(list(f.file_name || ' (' || f.data_rows || ' rijen, sha256 ' || left(f.sha256, 12) || ')'
                     ORDER BY f.file_name) FILTER (WHERE f.file_name IS NOT NULL), []) AS files
FROM versions AS v
LEFT JOIN version_files AS f USING (version)
GROUP BY ALL
ORDER BY v.version DESC;
