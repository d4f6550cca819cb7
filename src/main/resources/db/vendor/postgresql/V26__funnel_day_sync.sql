-- Keeps funnel_day (V25) equal to a recount of opportunity, on every write by anyone (the application, an old node
-- during a rolling upgrade, an operator's fix): the old row's contributions come off, the new row's go on.
-- Deferred to commit: the day's counter row of a busy campus is locked for the commit only, not for the rest of the
-- transaction that received the lead, so concurrent intakes do not queue behind each other's process start.
-- search_path from current: the schema migrated, also for a session that writes with a schema-qualified name
create function funnel_day_apply(o opportunity, delta integer) returns void language plpgsql
    set search_path from current as $$
begin
    if o.renewal_of_id is not null then
        return;
    end if;
    insert into funnel_day as f (reached_on, stage, campus_code, call_centre, team_id, is_lead, opportunities)
    select cast(r.at at time zone 'Asia/Shanghai' as date), r.stage, coalesce(o.campus_code, ''),
           case when o.campus_code is null then coalesce(o.call_centre, '') else '' end,
           coalesce(o.team_id, ''), o.split_from_id is null, delta
      from (values ('leads', o.received_at), ('valid', o.valid_at), ('intent', o.intent_at), ('agreed', o.agreed_at),
                   ('visited', o.visited_at), ('planned', o.planned_at), ('paid', o.paid_at)) as r (stage, at)
     where r.at is not null
    on conflict (reached_on, stage, campus_code, call_centre, team_id, is_lead)
    do update set opportunities = f.opportunities + excluded.opportunities;
end
$$;

create function funnel_day_sync() returns trigger language plpgsql set search_path from current as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        perform funnel_day_apply(old, -1);
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        perform funnel_day_apply(new, 1);
    end if;
    return null;
end
$$;

create constraint trigger funnel_day_insert_delete after insert or delete on opportunity
    deferrable initially deferred for each row execute function funnel_day_sync();

-- only an update that moves a counted column: owners, statuses and contact counts change often and count nothing here
create constraint trigger funnel_day_update after update on opportunity
    deferrable initially deferred for each row
    when (old.received_at is distinct from new.received_at or old.valid_at is distinct from new.valid_at
          or old.intent_at is distinct from new.intent_at or old.agreed_at is distinct from new.agreed_at
          or old.visited_at is distinct from new.visited_at or old.planned_at is distinct from new.planned_at
          or old.paid_at is distinct from new.paid_at or old.campus_code is distinct from new.campus_code
          or old.call_centre is distinct from new.call_centre or old.team_id is distinct from new.team_id
          or old.split_from_id is distinct from new.split_from_id
          or old.renewal_of_id is distinct from new.renewal_of_id)
    execute function funnel_day_sync();
