-- 销售过程 counts the open opportunities of the reader's campuses per team and product line, and the stuck ones among
-- them by their last move against their team's limits: both read every open opportunity from the table (0.02 s and
-- 0.1 s for every campus at 1 000 000 opportunities, 34 838 of them open: the board benchmark, docs/benchmark.md,
-- decision 373). A partial index holding only the open opportunities, with every column those two counts read, lets
-- PostgreSQL answer them from the index (an index-only scan once a page is vacuumed, which autovacuum does). A filter
-- on channel, campaign or consultant still reads the rows it keeps.
--
-- Only a create index statement: an application of the previous version runs unchanged on a database that has it.
create index ix_opportunity_open_moves on opportunity (team_id, product_line)
    include (campus_code, call_centre, renewal_of_id, received_at, valid_at, intent_at, assigned_at, first_contact_at,
        last_progress_at, agreed_at, visited_at, planned_at, recycle_exempt, owner_user, pool)
    where status = 'OPEN';
