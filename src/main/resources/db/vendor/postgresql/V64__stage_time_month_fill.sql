-- stage_time_month (V63) filled from the opportunities, after its triggers are in place. The same two statements are
-- its rebuild (docs/operations.md): in one transaction, truncate stage_time_month, then the insert … select. A change
-- committed before the truncate is counted by the select; one committed after it, by the trigger.
truncate table stage_time_month;
insert into stage_time_month (step, month_start, campus_code, call_centre, product_line, bucket, opportunities,
                              seconds)
select step, month_start, campus_code, call_centre, product_line, stage_time_bucket(x), count(*),
       sum(cast(x as numeric(24,6))) from (
    select v.step, cast(date_trunc('month', v.ended at time zone 'Asia/Shanghai') as date) month_start,
           coalesce(o.campus_code, '') campus_code,
           case when o.campus_code is null then coalesce(o.call_centre, '') else '' end call_centre,
           coalesce(o.product_line, '') product_line,
           date_part('epoch', v.ended) - date_part('epoch', v.started) x
      from opportunity o
     cross join lateral (values ('firstContact', o.assigned_at, o.first_contact_at),
                                ('valid', case when o.split_from_id is null then o.received_at end, o.valid_at),
                                ('intent', o.valid_at, o.intent_at), ('agreed', o.intent_at, o.agreed_at),
                                ('visited', o.agreed_at, o.visited_at), ('planned', o.visited_at, o.planned_at),
                                ('paid', o.planned_at, o.paid_at)) as v (step, started, ended)
     where o.renewal_of_id is null and v.started is not null and v.ended is not null and v.ended >= v.started
) took
group by step, month_start, campus_code, call_centre, product_line, stage_time_bucket(x);
