-- 计划完成 (targets against actuals) reads, for the campuses of the targets shown, the open pipeline as it stands now
-- and 180 days of each campus's conversions from funnel_day. Both read heap rows that an index can answer alone (the
-- board benchmark, docs/benchmark.md, decision 370):
--
-- the open, not yet paid, not renewal opportunities of a campus, by team, product line and the furthest stage they
-- reached: a partial index holding exactly those rows and the columns the count reads, so that PostgreSQL counts
-- them from the index (an index-only scan once a page is vacuumed, which autovacuum does);
create index ix_opportunity_open_pipeline on opportunity (campus_code, team_id, product_line)
    include (received_at, valid_at, intent_at, agreed_at, visited_at, planned_at)
    where status = 'OPEN' and renewal_of_id is null and paid_at is null;

-- funnel_day's primary key starts with the day, so one campus's 180 days read every campus's rows of those days.
create index ix_funnel_day_campus on funnel_day (campus_code, reached_on)
    include (stage, is_lead, opportunities, orders, order_value);

-- Only create index statements: an application of the previous version runs unchanged on a database that has them.
