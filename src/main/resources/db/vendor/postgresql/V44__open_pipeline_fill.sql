-- open_pipeline (V42) filled from the opportunities as they stand, after its triggers (V43) are in place. The same
-- two statements are its rebuild (docs/operations.md): in one transaction, truncate open_pipeline, then the
-- insert … select. A change committed before the truncate is counted by the select; one committed after it, by the
-- trigger. The stage is FunnelStage.standingSql: the furthest stage whose time is set.
truncate table open_pipeline;
insert into open_pipeline (campus_code, team_id, product_line, stage, opportunities)
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
