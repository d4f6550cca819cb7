-- open_standing (V57) filled from the opportunities as they stand, after its triggers are in place. The same two
-- statements are its rebuild (docs/operations.md): in one transaction, truncate open_standing, then the
-- insert … select. A change committed before the truncate is counted by the select; one committed after it, by the
-- trigger.
truncate table open_standing;
insert into open_standing (campus_code, call_centre, team_id, product_line, stage, contacted, exempt, assigned, pool,
                           opportunities)
select campus_code, call_centre, team_id, product_line, stage, contacted, exempt, assigned, pool, count(*) from (
    select coalesce(o.campus_code, '') campus_code,
           case when o.campus_code is null then coalesce(o.call_centre, '') else '' end call_centre,
           coalesce(o.team_id, '') team_id, coalesce(o.product_line, '') product_line,
           case when o.planned_at is not null then 'PLANNED' when o.visited_at is not null then 'VISITED'
                when o.agreed_at is not null then 'AGREED' when o.intent_at is not null then 'INTENT'
                when o.valid_at is not null then 'VALID' else 'RECEIVED' end stage,
           o.first_contact_at is not null contacted, o.recycle_exempt exempt, o.owner_user is not null assigned,
           coalesce(o.pool, '') pool
      from opportunity o
     where o.status = 'OPEN' and o.renewal_of_id is null
) standing
group by campus_code, call_centre, team_id, product_line, stage, contacted, exempt, assigned, pool;
