-- assignment_day (V35) filled from today's events, after its triggers (V36) are in place. The same two statements
-- are its rebuild (docs/operations.md): in one transaction, truncate assignment_day, then the insert … select. An
-- event committed before the truncate is counted by the select; one committed after it, by the trigger.
-- The Beijing day is the date part of the time's text in Asia/Shanghai, as campaign_day's (V34), and the rows are
-- written in day order, as the triggers write them day by day.
truncate table assignment_day;
insert into assignment_day (occurred_on, campus_code, call_centre, product_line, team_id, kind, from_user, to_user,
                            events)
select occurred_on, campus_code, call_centre, product_line, team_id, kind, from_user, to_user, count(*) from (
    select cast(left(cast(e.occurred_at at time zone 'Asia/Shanghai' as varchar(40)), 10) as date) occurred_on,
           coalesce(o.campus_code, '') campus_code,
           case when o.campus_code is null then coalesce(o.call_centre, '') else '' end call_centre,
           coalesce(o.product_line, '') product_line, coalesce(e.team_id, '') team_id, e.kind,
           coalesce(e.from_user, '') from_user, coalesce(e.to_user, '') to_user
      from assignment_event e
      join opportunity o on o.id = e.opportunity_id
     where o.renewal_of_id is null
) happened
group by occurred_on, campus_code, call_centre, product_line, team_id, kind, from_user, to_user
order by occurred_on, campus_code, call_centre, product_line, team_id, kind, from_user, to_user;
