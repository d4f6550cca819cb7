-- funnel_day per month (PostgreSQL's V46–V48: a table kept by a trigger on funnel_day, decision 387). On the embedded
-- H2 database a view of funnel_day grouped by month, for the reason V42 gives here: the report reads it under the
-- same name on both databases.
create view funnel_month (campus_code, month_start, stage, is_lead, opportunities, orders, order_value) as
select campus_code, cast(date_trunc('month', reached_on) as date), stage, is_lead, sum(opportunities), sum(orders),
       sum(order_value)
  from funnel_day
 group by campus_code, cast(date_trunc('month', reached_on) as date), stage, is_lead;
