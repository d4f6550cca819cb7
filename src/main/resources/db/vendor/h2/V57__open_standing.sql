-- 销售过程's stuck figures (PostgreSQL's V57–V58: a table kept by a trigger at each commit, decision 517). On the
-- embedded H2 database it is a view counting the same live, for the reason open_pipeline's V42 gives here: the report
-- reads it under the same name on both databases.
create view open_standing (campus_code, call_centre, team_id, product_line, stage, contacted, exempt, assigned, pool,
                           opportunities) as
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
