-- 销售过程's stage times per step, month, campus and duration as shown (PostgreSQL's V63–V64: a table kept by a
-- trigger at each commit, decision 525). On the embedded H2 database it is a view computing the same live, for the
-- reason open_pipeline's V42 gives here: the report reads it under the same name on both databases. bucket as
-- PostgreSQL's stage_time_bucket() and StageTimes.bucket() compute it, on the seconds as a double.
create view stage_time_month (step, month_start, campus_code, call_centre, product_line, bucket, opportunities,
                              seconds) as
select step, month_start, campus_code, call_centre, product_line,
       case when floor(x / 360 + 0.5) < 480 then cast(floor(x / 360 + 0.5) as integer)
            else cast(floor((2 * floor(x / 360 + 0.5) + 24) / 48) * 24 as integer) end,
       count(*), sum(cast(x as numeric(24,6))) from (
    select s.step, cast(date_trunc('month', cast(left(cast(s.ended at time zone 'Asia/Shanghai' as varchar(40)), 10)
                                                 as date)) as date) month_start,
           coalesce(s.campus_code, '') campus_code,
           case when s.campus_code is null then coalesce(s.call_centre, '') else '' end call_centre,
           coalesce(s.product_line, '') product_line,
           cast(extract(epoch from s.ended) - extract(epoch from s.started) as double precision) x
      from (select 'firstContact' step, o.assigned_at started, o.first_contact_at ended
                   , o.campus_code, o.call_centre, o.product_line, o.renewal_of_id from opportunity o
            union all
            select 'valid', case when o.split_from_id is null then o.received_at end, o.valid_at
                   , o.campus_code, o.call_centre, o.product_line, o.renewal_of_id from opportunity o
            union all
            select 'intent', o.valid_at, o.intent_at
                   , o.campus_code, o.call_centre, o.product_line, o.renewal_of_id from opportunity o
            union all
            select 'agreed', o.intent_at, o.agreed_at
                   , o.campus_code, o.call_centre, o.product_line, o.renewal_of_id from opportunity o
            union all
            select 'visited', o.agreed_at, o.visited_at
                   , o.campus_code, o.call_centre, o.product_line, o.renewal_of_id from opportunity o
            union all
            select 'planned', o.visited_at, o.planned_at
                   , o.campus_code, o.call_centre, o.product_line, o.renewal_of_id from opportunity o
            union all
            select 'paid', o.planned_at, o.paid_at
                   , o.campus_code, o.call_centre, o.product_line, o.renewal_of_id from opportunity o) s
     where s.renewal_of_id is null and s.started is not null and s.ended is not null and s.ended >= s.started
) took
group by step, month_start, campus_code, call_centre, product_line,
         case when floor(x / 360 + 0.5) < 480 then cast(floor(x / 360 + 0.5) as integer)
              else cast(floor((2 * floor(x / 360 + 0.5) + 24) / 48) * 24 as integer) end;
