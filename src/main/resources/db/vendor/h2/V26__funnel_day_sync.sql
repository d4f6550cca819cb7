-- Keeps funnel_day (V25) equal to a recount of opportunity on every write, as the PostgreSQL trigger of the same
-- version does: the old row's contributions come off, the new row's go on (com.enrollflow.reporting.FunnelDayTrigger).
create trigger funnel_day_sync after insert, update, delete on opportunity for each row
    call 'com.enrollflow.reporting.FunnelDayTrigger';
