-- A gate, task or timer that a run was aborted or rolled back at now ends "cancelled"; before,
-- its row stayed "waiting" for good. Rows written before this get what folding their journal
-- now gives (engine.RunState.cancelWait), so `audit verify` still finds the read model equal to
-- the journal: the entry that ended the wait is the first run.finished or rollback.started after
-- the step's last step.awaiting, with no other wait in between.
UPDATE run_steps
SET status = 'CANCELLED',
    finished_at = ending.at,
    detail = 'cancelled: ' || CASE ending.type
        WHEN 'rollback.started' THEN 'the run was rolled back while it waited: ' ELSE '' END
        || json_extract(ending.payload, '$.reason')
FROM (
    SELECT w.run_id, w.step_id, e.at, e.type, e.payload
    FROM (SELECT a.run_id, json_extract(a.payload, '$.step') AS step_id, max(a.run_seq) AS seq
          FROM journal a WHERE a.type = 'step.awaiting' GROUP BY a.run_id, step_id) w
    JOIN journal e ON e.run_id = w.run_id
        AND e.run_seq = (SELECT min(f.run_seq) FROM journal f WHERE f.run_id = w.run_id AND f.run_seq > w.seq
                         AND f.type IN ('run.finished', 'rollback.started'))
    WHERE NOT EXISTS (SELECT 1 FROM journal o WHERE o.run_id = w.run_id AND o.type = 'step.awaiting'
                      AND o.run_seq > w.seq AND o.run_seq < e.run_seq)
) AS ending
WHERE run_steps.status = 'WAITING' AND run_steps.run_id = ending.run_id AND run_steps.step_id = ending.step_id;
