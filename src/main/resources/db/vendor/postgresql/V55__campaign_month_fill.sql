-- campaign_month (V53) filled from campaign_day, after its triggers (V54) are in place. The same two statements are
-- its rebuild (docs/operations.md), to be run after a rebuild of campaign_day (a truncate fires no row trigger): in
-- one transaction, truncate campaign_month, then the insert … select. Written in month order, as the report reads it.
truncate table campaign_month;
insert into campaign_month (month_start, campus_code, call_centre, channel, campaign_key, leads, paid, revenue)
select cast(date_trunc('month', received_on) as date), campus_code, call_centre, channel, campaign_key, sum(leads),
       sum(paid), sum(revenue)
  from campaign_day
 group by cast(date_trunc('month', received_on) as date), campus_code, call_centre, channel, campaign_key
 order by 1, 2, 3, 4, 5;
