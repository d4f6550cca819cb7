-- 销售过程's stuck figures (decision 517) subtract, from open_standing's counts, the open opportunities whose last move
-- is still within their team's limits: those that moved within the longest limit (7 days in recycle-limits.dmn), a
-- fifth of the open ones at 1 000 000 opportunities. This partial index is keyed by that last move, written as
-- SalesProcess writes it (the latest of the moves, each empty one counted as the receipt), and holds every column the
-- counts and the listing read, so PostgreSQL answers them from the index; the listing of the stuck ones (decision 518)
-- reads it from the oldest last move on, up to the latest cutoff, and keeps the 200 whose limits ran out first. It
-- takes the place of V41's index of the open opportunities by team and product line, which held the same columns for
-- reading all of them.
--
-- Index statements only: an application of the previous version runs unchanged on a database that has them (its
-- stuck count then reads this index whole instead of V41's).
create index ix_opportunity_open_last_move on opportunity ((greatest(received_at, coalesce(valid_at, received_at),
        coalesce(intent_at, received_at), coalesce(assigned_at, received_at), coalesce(first_contact_at, received_at),
        coalesce(last_progress_at, received_at), coalesce(agreed_at, received_at), coalesce(visited_at, received_at),
        coalesce(planned_at, received_at))))
    include (id, customer_id, team_id, product_line, campus_code, call_centre, renewal_of_id, received_at, valid_at,
        intent_at, assigned_at, first_contact_at, last_progress_at, agreed_at, visited_at, planned_at, recycle_exempt,
        owner_user, pool)
    where status = 'OPEN';
drop index ix_opportunity_open_moves;
