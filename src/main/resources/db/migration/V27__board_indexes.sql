-- 经营看板 (the Cockpit business board) at 1 000 000 opportunities: indexes for the periods its reports read
-- (docs/benchmark.md, "Board benchmark"). Only create index statements: nothing existing changes, and an application
-- of the previous version runs unchanged on a database that has them. Portable between H2 2.x and PostgreSQL 13+ (no
-- INCLUDE, no partial indexes).

-- The funnel counts each stage over its own timestamp within the reader's campuses (campus, else call centre) and
-- leaves renewals out (leads and valid leads also splits): with these columns in the index the count is an
-- index-only scan of the period's entries instead of a visit to every row of the period.
create index ix_opportunity_received_scope on opportunity (received_at, campus_code, call_centre, renewal_of_id,
    split_from_id);
create index ix_opportunity_valid_scope on opportunity (valid_at, campus_code, call_centre, renewal_of_id,
    split_from_id);
create index ix_opportunity_intent_scope on opportunity (intent_at, campus_code, call_centre, renewal_of_id);
create index ix_opportunity_agreed_scope on opportunity (agreed_at, campus_code, call_centre, renewal_of_id);
create index ix_opportunity_visited_scope on opportunity (visited_at, campus_code, call_centre, renewal_of_id);
create index ix_opportunity_planned_scope on opportunity (planned_at, campus_code, call_centre, renewal_of_id);
create index ix_opportunity_paid_scope on opportunity (paid_at, campus_code, call_centre, renewal_of_id);
-- the open opportunities (stuck list, targets' pipeline) of every campus
create index ix_opportunity_status on opportunity (status, campus_code);
-- revenue: the paid orders of the period's opportunities (funnel, campaign ROI, targets)
create index ix_payment_order_opportunity on payment_order (opportunity_id);
-- 业绩: credits and their reversals of the period
create index ix_sales_credit_credited on sales_credit (credited_at);
create index ix_sales_credit_reversal_reversed on sales_credit_reversal (reversed_at);
-- 满意度 and 续费 of the period, every campus (complaints are a few thousand rows: their scan costs less than an index)
create index ix_survey_sent on survey (sent_at, campus_code);
create index ix_renewal_created on renewal (created_at);
-- 客户动态: an opportunity's timeline
create index ix_timeline_opportunity on timeline_event (opportunity_id, occurred_at);
