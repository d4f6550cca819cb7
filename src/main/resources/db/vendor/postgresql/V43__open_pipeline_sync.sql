-- Keeps open_pipeline (V42) equal to a recount of the open, unpaid, non-renewal opportunities on every write by anyone
-- (the application, an old node during a rolling upgrade, an operator's fix): the old row's count comes off, the new
-- row's goes on. Deferred to commit, as funnel_day's trigger (V26): a busy campus's counter row of new leads is locked
-- for the commit only, not for the rest of the transaction that received the lead.
-- search_path from current: the schema migrated, also for a session that writes with a schema-qualified name
create function open_pipeline_apply(o opportunity, delta integer) returns void language plpgsql
    set search_path from current as $$
begin
    if o.status <> 'OPEN' or o.renewal_of_id is not null or o.paid_at is not null then
        return;
    end if;
    insert into open_pipeline as p (campus_code, team_id, product_line, stage, opportunities)
    values (coalesce(o.campus_code, ''), coalesce(o.team_id, ''), coalesce(o.product_line, ''),
            case when o.planned_at is not null then 'PLANNED' when o.visited_at is not null then 'VISITED'
                 when o.agreed_at is not null then 'AGREED' when o.intent_at is not null then 'INTENT'
                 when o.valid_at is not null then 'VALID' else 'RECEIVED' end, delta)
    on conflict (campus_code, team_id, product_line, stage)
    do update set opportunities = p.opportunities + excluded.opportunities;
end
$$;

create function open_pipeline_sync() returns trigger language plpgsql set search_path from current as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        perform open_pipeline_apply(old, -1);
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        perform open_pipeline_apply(new, 1);
    end if;
    return null;
end
$$;

create constraint trigger open_pipeline_insert_delete after insert or delete on opportunity
    deferrable initially deferred for each row execute function open_pipeline_sync();

-- only an update that moves a counted column: owners, pools and contact counts change often and count nothing here
create constraint trigger open_pipeline_update after update on opportunity
    deferrable initially deferred for each row
    when (old.status is distinct from new.status or old.paid_at is distinct from new.paid_at
          or old.renewal_of_id is distinct from new.renewal_of_id or old.campus_code is distinct from new.campus_code
          or old.team_id is distinct from new.team_id or old.product_line is distinct from new.product_line
          or old.valid_at is distinct from new.valid_at or old.intent_at is distinct from new.intent_at
          or old.agreed_at is distinct from new.agreed_at or old.visited_at is distinct from new.visited_at
          or old.planned_at is distinct from new.planned_at)
    execute function open_pipeline_sync();
