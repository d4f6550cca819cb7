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
    select cast(left(cast(o.received_at at time zone 'Asia/Shanghai' as varchar(40)), 10) as date) reached_on,
           'leads' stage,
           coalesce(o.campus_code, '') campus_code,
           case when o.campus_code is null then coalesce(o.call_centre, '') else '' end call_centre,
           coalesce(o.team_id, '') team_id, o.split_from_id is null is_lead
      from opportunity o where o.renewal_of_id is null and o.received_at is not null
    union all
    select cast(left(cast(o.valid_at at time zone 'Asia/Shanghai' as varchar(40)), 10) as date), 'valid',
           coalesce(o.campus_code, ''),
           case when o.campus_code is null then coalesce(o.call_centre, '') else '' end,
           coalesce(o.team_id, ''), o.split_from_id is null
      from opportunity o where o.renewal_of_id is null and o.valid_at is not null
    union all
    select cast(left(cast(o.intent_at at time zone 'Asia/Shanghai' as varchar(40)), 10) as date), 'intent',
           coalesce(o.campus_code, ''),
           case when o.campus_code is null then coalesce(o.call_centre, '') else '' end,
           coalesce(o.team_id, ''), o.split_from_id is null
      from opportunity o where o.renewal_of_id is null and o.intent_at is not null
    union all
    select cast(left(cast(o.agreed_at at time zone 'Asia/Shanghai' as varchar(40)), 10) as date), 'agreed',
           coalesce(o.campus_code, ''),
           case when o.campus_code is null then coalesce(o.call_centre, '') else '' end,
           coalesce(o.team_id, ''), o.split_from_id is null
      from opportunity o where o.renewal_of_id is null and o.agreed_at is not null
    union all
    select cast(left(cast(o.visited_at at time zone 'Asia/Shanghai' as varchar(40)), 10) as date), 'visited',
           coalesce(o.campus_code, ''),
           case when o.campus_code is null then coalesce(o.call_centre, '') else '' end,
           coalesce(o.team_id, ''), o.split_from_id is null
      from opportunity o where o.renewal_of_id is null and o.visited_at is not null
    union all
    select cast(left(cast(o.planned_at at time zone 'Asia/Shanghai' as varchar(40)), 10) as date), 'planned',
           coalesce(o.campus_code, ''),
           case when o.campus_code is null then coalesce(o.call_centre, '') else '' end,
           coalesce(o.team_id, ''), o.split_from_id is null
      from opportunity o where o.renewal_of_id is null and o.planned_at is not null
    union all
    select cast(left(cast(o.paid_at at time zone 'Asia/Shanghai' as varchar(40)), 10) as date), 'paid',
           coalesce(o.campus_code, ''),
           case when o.campus_code is null then coalesce(o.call_centre, '') else '' end,
           coalesce(o.team_id, ''), o.split_from_id is null
      from opportunity o where o.renewal_of_id is null and o.paid_at is not null
) reached
group by reached_on, stage, campus_code, call_centre, team_id, is_lead;
