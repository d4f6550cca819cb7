-- The funnel counted per day (销售漏斗日汇总): how many opportunities reached each stage on each Beijing day, per campus
-- (or, without one, the call centre holding it), team and whether it counts as a lead (not split off at intent).
-- Renewals never enter the new-lead funnel. Kept by the database on every write to opportunity (V26, a trigger per
-- database), so the board counts a year by summing a few thousand rows instead of a million; empty codes are ''.
-- The statement below is also the rebuild: truncate funnel_day, then run it (docs/operations.md). The Beijing day is
-- the date part of the time's text in Asia/Shanghai: a cast to date would take the session's time zone on H2.
create table funnel_day (
    reached_on      date         not null,
    stage           varchar(8)   not null,   -- leads, valid, intent, agreed, visited, planned, paid
    campus_code     varchar(16)  not null,
    call_centre     varchar(32)  not null,
    team_id         varchar(32)  not null,
    is_lead         boolean      not null,
    opportunities   bigint       not null,
    constraint pk_funnel_day primary key (reached_on, stage, campus_code, call_centre, team_id, is_lead)
);

insert into funnel_day (reached_on, stage, campus_code, call_centre, team_id, is_lead, opportunities)
select reached_on, stage, campus_code, call_centre, team_id, is_lead, count(*) from (
    select cast(left(cast(r.moment at time zone 'Asia/Shanghai' as varchar(40)), 10) as date) reached_on, r.stage,
           r.campus_code, r.call_centre, r.team_id, r.is_lead
      from (select s.stage,
                   case s.stage when 'leads' then o.received_at when 'valid' then o.valid_at
                                when 'intent' then o.intent_at when 'agreed' then o.agreed_at
                                when 'visited' then o.visited_at when 'planned' then o.planned_at
                                else o.paid_at end moment,
                   coalesce(o.campus_code, '') campus_code,
                   case when o.campus_code is null then coalesce(o.call_centre, '') else '' end call_centre,
                   coalesce(o.team_id, '') team_id, o.split_from_id is null is_lead
              from opportunity o
             cross join (values ('leads'), ('valid'), ('intent'), ('agreed'), ('visited'), ('planned'), ('paid'))
                   as s (stage)
             where o.renewal_of_id is null) r
     where r.moment is not null
) reached
group by reached_on, stage, campus_code, call_centre, team_id, is_lead;
