-- 计划完成's actuals are the orders paid in the period at the targets' campuses, per team and product line, with their
-- contract value (kept on each opportunity, V28). The paid-time index of V40 finds a month's paid opportunities of
-- every campus, and each was then read from the table for its team, line and money (2 136 heap pages, 4.6 ms a
-- month of every campus at 1 000 000 opportunities: the board benchmark, docs/benchmark.md, decision 386). A partial
-- index of the paid opportunities by campus and paid time, with the columns the sum reads, answers it alone (an
-- index-only scan once a page is vacuumed, which autovacuum does). An open lead is not in it: intake writes nothing
-- more.
--
-- Only a create index statement: an application of the previous version runs unchanged on a database that has it.
create index ix_opportunity_paid_orders on opportunity (campus_code, paid_at)
    include (team_id, product_line, order_count, order_value)
    where paid_at is not null;
