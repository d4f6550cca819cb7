-- 销售过程's stuck figures and their listing (decision 519) read the open opportunities one kind at a time: a team and
-- product line, not yet contacted (the first-contact limit applies) or contacted (the progress limit). Within a kind
-- the limit is the same for all, so its opportunities run out of time in the order of their last moves. These two
-- partial indexes are keyed by team and product line ('' for none: PostgreSQL reads an index in its order after
-- equalities, not after "is null") and that last move, written as SalesProcess writes it (the latest of the moves,
-- each empty one counted as the receipt), and hold every column the counts and the listing read:
-- - the listing of the 200 whose limits ran out first reads the first 200 of each kind, not every stuck one;
-- - the count subtracts, from open_standing's counts, those of each kind still within their limit, a range of each.
-- They take the place of V59's index keyed by the last move alone, from which PostgreSQL had to read every stuck
-- opportunity (27 730 for every campus at 1 000 000 opportunities) to find the 200.
--
-- Index statements only: an application of the previous version runs unchanged on a database that has them (its
-- stuck figures then read these indexes or the table instead of V59's index).
create index ix_opportunity_open_not_contacted on opportunity ((coalesce(team_id, '')), (coalesce(product_line, '')),
        (greatest(received_at, coalesce(valid_at, received_at), coalesce(intent_at, received_at),
        coalesce(assigned_at, received_at), coalesce(first_contact_at, received_at), coalesce(last_progress_at,
        received_at), coalesce(agreed_at, received_at), coalesce(visited_at, received_at), coalesce(planned_at,
        received_at))), id)
    include (customer_id, team_id, product_line, campus_code, call_centre, renewal_of_id, received_at, valid_at,
        intent_at, assigned_at, first_contact_at, last_progress_at, agreed_at, visited_at, planned_at, recycle_exempt,
        owner_user, pool)
    where status = 'OPEN' and first_contact_at is null;
create index ix_opportunity_open_contacted on opportunity ((coalesce(team_id, '')), (coalesce(product_line, '')),
        (greatest(received_at, coalesce(valid_at, received_at), coalesce(intent_at, received_at),
        coalesce(assigned_at, received_at), coalesce(first_contact_at, received_at), coalesce(last_progress_at,
        received_at), coalesce(agreed_at, received_at), coalesce(visited_at, received_at), coalesce(planned_at,
        received_at))), id)
    include (customer_id, team_id, product_line, campus_code, call_centre, renewal_of_id, received_at, valid_at,
        intent_at, assigned_at, first_contact_at, last_progress_at, agreed_at, visited_at, planned_at, recycle_exempt,
        owner_user, pool)
    where status = 'OPEN' and first_contact_at is not null;
drop index ix_opportunity_open_last_move;
