-- Keeps campaign_day (V32) equal to a recount of opportunity on every write, as the PostgreSQL trigger of the same
-- version does: the old row's contribution comes off, the new row's goes on
-- (com.enrollflow.reporting.CampaignDayTrigger).
create trigger campaign_day_sync after insert, update, delete on opportunity for each row
    call 'com.enrollflow.reporting.CampaignDayTrigger';
