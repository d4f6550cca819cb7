-- campaign_day per month (PostgreSQL's V53–V55: a table kept by a trigger on campaign_day, decision 511). On the
-- embedded H2 database a view of campaign_day grouped by month, as its funnel_month (V46) is of funnel_day: the report
-- reads it under the same name on both databases.
create view campaign_month (month_start, campus_code, call_centre, channel, campaign_key, leads, paid, revenue) as
select cast(date_trunc('month', received_on) as date), campus_code, call_centre, channel, campaign_key, sum(leads),
       sum(paid), sum(revenue)
  from campaign_day
 group by cast(date_trunc('month', received_on) as date), campus_code, call_centre, channel, campaign_key;
