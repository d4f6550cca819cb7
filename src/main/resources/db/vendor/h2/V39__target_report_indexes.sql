-- 计划完成's conversions read 180 days of one campus's funnel_day rows; the primary key starts with the day. H2 has
-- neither partial nor covering indexes: PostgreSQL's V39 also has one for the open pipeline, which here is read
-- through ix_opportunity_campus (campus_code, status). Decision 370, docs/benchmark.md.
create index ix_funnel_day_campus on funnel_day (campus_code, reached_on);
