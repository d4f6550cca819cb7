-- 销售过程's 阶段用时 (the time from each stage to the next) reads, for each step, the opportunities that reached its
-- stage in the period: their two times and their scope. The stage indexes of V27 and V38 hold the stage's time and
-- the scope, not the previous stage's time, so every such opportunity was read from the table (0.2 s a month of
-- every campus, 1.4 s a year at 1 000 000 opportunities: the board benchmark, docs/benchmark.md, decision 372). Each
-- index is made again with the previous stage's time included, so that PostgreSQL answers a step from the index
-- alone (an index-only scan once a page is vacuumed, which autovacuum does); the funnel's counts keep using the same
-- leading columns. The new index is built before the old one goes: no moment without one.
--
-- Only index changes: an application of the previous version runs unchanged on a database that has them. Writes to
-- the opportunities wait while an index is built (about three seconds each at 1 000 000 opportunities).
create index ix_opportunity_first_contact_times on opportunity (first_contact_at, campus_code, call_centre,
    renewal_of_id) include (assigned_at);
drop index ix_opportunity_first_contact_scope;
create index ix_opportunity_valid_times on opportunity (valid_at, campus_code, call_centre, renewal_of_id,
    split_from_id) include (received_at);
drop index ix_opportunity_valid_scope;
create index ix_opportunity_intent_times on opportunity (intent_at, campus_code, call_centre, renewal_of_id)
    include (valid_at);
drop index ix_opportunity_intent_scope;
create index ix_opportunity_agreed_times on opportunity (agreed_at, campus_code, call_centre, renewal_of_id)
    include (intent_at);
drop index ix_opportunity_agreed_scope;
create index ix_opportunity_visited_times on opportunity (visited_at, campus_code, call_centre, renewal_of_id)
    include (agreed_at);
drop index ix_opportunity_visited_scope;
create index ix_opportunity_planned_times on opportunity (planned_at, campus_code, call_centre, renewal_of_id)
    include (visited_at);
drop index ix_opportunity_planned_scope;
create index ix_opportunity_paid_times on opportunity (paid_at, campus_code, call_centre, renewal_of_id)
    include (planned_at);
drop index ix_opportunity_paid_scope;
