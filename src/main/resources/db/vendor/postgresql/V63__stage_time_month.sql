-- 销售过程's stage times (阶段用时: count, average and median of each step, e.g. 线索到有效) for a year of every campus
-- sorted about 380 000 durations per step for the exact median: 0.2-0.3 s at 1 000 000 opportunities, 4-20 times
-- the board's floor (the board benchmark, docs/benchmark.md, decision 525). stage_time_month keeps, per step, Beijing
-- month of the step's end, campus (or call centre), product line and duration as it is shown, how many opportunities
-- took the step and their seconds: a year is then summed from a few thousand rows, and the median found by walking
-- the durations in order. The duration is kept as staff read it (SalesProcess's shown(): 0.1 hour under two days,
-- 0.1 day from two days on), so the median's bucket is the median as shown; when an even count's two middle values
-- fall in two buckets, the report computes that one step from the opportunities. bucket is in tenths of an hour: under
-- 480 the hours rounded half up to one place, from 480 on the days so rounded, times 24.
-- Kept equal to that recount by the trigger below at each commit (deferred, as funnel_day's V26), filled by V64 after
-- the trigger is in place. (H2's V63 is a view computing the same live, as open_standing's V57 is there.)
-- Expand only: a new table and triggers; an application of the previous version runs unchanged beside it (its writes
-- are counted by the trigger too).
create table stage_time_month (
    step            varchar(16)   not null,             -- firstContact, valid, intent, agreed, visited, planned, paid
    month_start     date          not null,             -- the first day of the Beijing month the step ended in
    campus_code     varchar(16)   not null,             -- '' for a lead without campus
    call_centre     varchar(32)   not null,             -- the call centre of one without campus; '' otherwise
    product_line    varchar(16)   not null,             -- '' until intent says
    bucket          integer       not null,             -- the duration as shown, in tenths of an hour (see above)
    opportunities   bigint        default 0 not null,
    seconds         numeric(24,6) default 0 not null,   -- their durations' sum, for the average
    -- the counts in the key's index: a year is read from it alone (index-only, 14 ms against 28 for 线索到有效, a year
    -- of every campus at 1 000 000 opportunities); months no longer written are all-visible after autovacuum
    constraint pk_stage_time_month primary key (step, month_start, campus_code, call_centre, product_line, bucket)
        include (opportunities, seconds)
);
-- a few tens of thousands of index entries per statement: a parallel plan costs more to start than it saves (43 ms
-- against 17 with the days from the opportunities beside them), and 销售过程 runs its seven steps side by side already
alter table stage_time_month set (parallel_workers = 0);

-- The duration as shown, in tenths of an hour: SalesProcess.shown() rounds the hours half up to one place and, from
-- 48 hours on, those hours in days to one place. The report computes the same from the opportunities for the days
-- a period takes of a month (StageTimes.bucket), with the same arithmetic.
create function stage_time_bucket(seconds double precision) returns integer language sql immutable
    set search_path from current as $$
    select case when floor(seconds / 360 + 0.5) < 480 then cast(floor(seconds / 360 + 0.5) as integer)
                else cast(floor((2 * floor(seconds / 360 + 0.5) + 24) / 48) * 24 as integer) end
$$;

-- The old row's steps come off, the new row's go on. Counted as SalesProcess counts a step: not a renewal, both ends
-- set, the end not before the start; 线索到有效 for leads only (an opportunity split off at intent took it as the
-- lead it came from). The seconds as the report's PostgreSQL expression gives them (date_part's double).
-- search_path from current: the schema migrated, also for a session that writes with a schema-qualified name
create function stage_time_month_apply(o opportunity, delta integer) returns void language plpgsql
    set search_path from current as $$
begin
    if o.renewal_of_id is not null then
        return;
    end if;
    insert into stage_time_month as t (step, month_start, campus_code, call_centre, product_line, bucket,
                                       opportunities, seconds)
    select s.step, cast(date_trunc('month', s.ended at time zone 'Asia/Shanghai') as date),
           coalesce(o.campus_code, ''), case when o.campus_code is null then coalesce(o.call_centre, '') else '' end,
           coalesce(o.product_line, ''), stage_time_bucket(s.x), delta, delta * cast(s.x as numeric(24,6))
      from (select v.step, v.ended, date_part('epoch', v.ended) - date_part('epoch', v.started) x
              from (values ('firstContact', o.assigned_at, o.first_contact_at),
                           ('valid', case when o.split_from_id is null then o.received_at end, o.valid_at),
                           ('intent', o.valid_at, o.intent_at), ('agreed', o.intent_at, o.agreed_at),
                           ('visited', o.agreed_at, o.visited_at), ('planned', o.visited_at, o.planned_at),
                           ('paid', o.planned_at, o.paid_at)) as v (step, started, ended)
             where v.started is not null and v.ended is not null and v.ended >= v.started) s
    on conflict (step, month_start, campus_code, call_centre, product_line, bucket)
    do update set opportunities = t.opportunities + excluded.opportunities, seconds = t.seconds + excluded.seconds;
end
$$;

create function stage_time_month_sync() returns trigger language plpgsql set search_path from current as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        perform stage_time_month_apply(old, -1);
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        perform stage_time_month_apply(new, 1);
    end if;
    return null;
end
$$;

create constraint trigger stage_time_month_insert_delete after insert or delete on opportunity
    deferrable initially deferred for each row execute function stage_time_month_sync();

-- only an update that moves a step's end, its start or where it is counted: owners, pools and contact counts count
-- nothing here
create constraint trigger stage_time_month_update after update on opportunity
    deferrable initially deferred for each row
    when (old.assigned_at is distinct from new.assigned_at or old.first_contact_at is distinct from new.first_contact_at
          or old.received_at is distinct from new.received_at or old.valid_at is distinct from new.valid_at
          or old.intent_at is distinct from new.intent_at or old.agreed_at is distinct from new.agreed_at
          or old.visited_at is distinct from new.visited_at or old.planned_at is distinct from new.planned_at
          or old.paid_at is distinct from new.paid_at or old.campus_code is distinct from new.campus_code
          or old.call_centre is distinct from new.call_centre or old.product_line is distinct from new.product_line
          or old.split_from_id is distinct from new.split_from_id
          or old.renewal_of_id is distinct from new.renewal_of_id)
    execute function stage_time_month_sync();

-- V49's campus lock is taken before any summary row of a campus is written at commit: it now fires for the writes
-- stage_time_month counts too (the union grows by a new assignment time and a first contact's time changed).
drop trigger a_summary_campus_lock_update on opportunity;
create constraint trigger a_summary_campus_lock_update after update on opportunity
    deferrable initially deferred for each row
    when (old.received_at is distinct from new.received_at or old.valid_at is distinct from new.valid_at
          or old.intent_at is distinct from new.intent_at or old.agreed_at is distinct from new.agreed_at
          or old.visited_at is distinct from new.visited_at or old.planned_at is distinct from new.planned_at
          or old.paid_at is distinct from new.paid_at or old.campus_code is distinct from new.campus_code
          or old.call_centre is distinct from new.call_centre or old.team_id is distinct from new.team_id
          or old.split_from_id is distinct from new.split_from_id
          or old.renewal_of_id is distinct from new.renewal_of_id
          or old.order_count is distinct from new.order_count or old.order_value is distinct from new.order_value
          or old.order_lessons is distinct from new.order_lessons
          or old.refunded_value is distinct from new.refunded_value
          or old.channel is distinct from new.channel or old.campaign is distinct from new.campaign
          or old.status is distinct from new.status or old.product_line is distinct from new.product_line
          or old.first_contact_at is distinct from new.first_contact_at
          or old.recycle_exempt is distinct from new.recycle_exempt
          or (old.owner_user is null) <> (new.owner_user is null) or old.pool is distinct from new.pool
          or old.assigned_at is distinct from new.assigned_at)
    execute function summary_campus_lock();
