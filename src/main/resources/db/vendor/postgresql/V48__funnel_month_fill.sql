-- funnel_month (V46) filled from funnel_day, after its triggers (V47) are in place. The same two statements are its
-- rebuild (docs/operations.md), to be run after a rebuild of funnel_day (a truncate fires no row trigger): in one
-- transaction, truncate funnel_month, then the insert … select.
truncate table funnel_month;
insert into funnel_month (campus_code, month_start, stage, is_lead, opportunities, orders, order_value)
select campus_code, cast(date_trunc('month', reached_on) as date), stage, is_lead, sum(opportunities), sum(orders),
       sum(order_value)
  from funnel_day
 group by campus_code, cast(date_trunc('month', reached_on) as date), stage, is_lead;
