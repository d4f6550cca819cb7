-- campaign_day (V32) filled from today's opportunities, after its trigger (V33) is in place. The same two statements
-- are its rebuild (docs/operations.md): in one transaction, truncate campaign_day, then the insert … select. A lead
-- committed before the truncate is counted by the select; one committed after it, by the trigger at its commit.
-- The Beijing day is the date part of the time's text in Asia/Shanghai, as funnel_day's (V28). Written in day order,
-- as the trigger writes it day by day: a month's rows then lie together (in any order a month of one campus read
-- 2 000 pages for 8 500 rows, board benchmark).
truncate table campaign_day;
insert into campaign_day (received_on, campus_code, call_centre, channel, campaign_key, leads, paid, revenue)
select received_on, campus_code, call_centre, channel, campaign_key, count(*), sum(paid), sum(revenue) from (
    select cast(left(cast(o.received_at at time zone 'Asia/Shanghai' as varchar(40)), 10) as date) received_on,
           coalesce(o.campus_code, '') campus_code,
           case when o.campus_code is null then coalesce(o.call_centre, '') else '' end call_centre,
           o.channel, coalesce(lower(trim(o.campaign)), '') campaign_key,
           case when o.paid_at is not null then 1 else 0 end paid,
           case when o.paid_at is not null then o.order_value else 0 end revenue
      from opportunity o
     where o.split_from_id is null and o.renewal_of_id is null
) received
group by received_on, campus_code, call_centre, channel, campaign_key
order by received_on, campus_code, call_centre, channel, campaign_key;
