-- Keeps assignment_day (V35) equal to a recount of assignment_event joined to opportunity on every write, as the
-- PostgreSQL triggers of the same version do: an event's count comes off and goes on with the event, and an
-- opportunity whose campus, call centre, product line or renewal mark changes moves its events' counts
-- (com.enrollflow.reporting.AssignmentDayTrigger).
create trigger assignment_day_event after insert, update, delete on assignment_event for each row
    call 'com.enrollflow.reporting.AssignmentDayTrigger';
create trigger assignment_day_opportunity after update on opportunity for each row
    call 'com.enrollflow.reporting.AssignmentDayTrigger';
