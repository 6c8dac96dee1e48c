-- How many approvals pass the gate a run waits at, as its step.awaiting entry records it, so
-- that `runway status` can say whether a gate has enough without parsing the runbook. Rows of
-- runs that reached their gate before this was recorded stay NULL, as folding their journal
-- gives (their step.awaiting entries have no count).
ALTER TABLE runs ADD COLUMN awaiting_approvals INTEGER;
