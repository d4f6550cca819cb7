-- 计划完成's open pipeline (PostgreSQL's V42–V44: a table kept by a trigger at each commit, decision 386). The embedded
-- H2 database is one person's demo and test database: its triggers run at each statement, not at commit, so a
-- counter row of a busy campus would stay locked for the rest of every transaction that moved an opportunity, and
-- two such transactions deadlock. Here open_pipeline is a view that counts the same, live, from the opportunities:
-- the report reads it under the same name on both databases.
create view open_pipeline (campus_code, team_id, product_line, stage, opportunities) as
select campus_code, team_id, product_line, stage, count(*) from (
    select coalesce(o.campus_code, '') campus_code, coalesce(o.team_id, '') team_id,
           coalesce(o.product_line, '') product_line,
           case when o.planned_at is not null then 'PLANNED' when o.visited_at is not null then 'VISITED'
                when o.agreed_at is not null then 'AGREED' when o.intent_at is not null then 'INTENT'
                when o.valid_at is not null then 'VALID' else 'RECEIVED' end stage
      from opportunity o
     where o.status = 'OPEN' and o.renewal_of_id is null and o.paid_at is null
) standing
group by campus_code, team_id, product_line, stage;
