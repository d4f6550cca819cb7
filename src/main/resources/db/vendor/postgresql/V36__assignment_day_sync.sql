-- Keeps assignment_day (V35) equal to a recount of assignment_event joined to opportunity on every write by anyone
-- (the application, an old node during a rolling upgrade, an operator's fix).
-- Not deferred, unlike funnel_day's trigger: the count of an event depends on its opportunity's row, so both
-- triggers keep the summary right after each statement, in the order the statements ran. An event locks its
-- opportunity's row (for share) while it is counted: a concurrent change of that opportunity's campus then waits
-- for the event's commit and moves it too, or the event waits for the change and is counted under the new campus.
-- search_path from current: the schema migrated, also for a session that writes with a schema-qualified name
create function assignment_day_apply(e assignment_event, delta integer) returns void language plpgsql
    set search_path from current as $$
declare
    o opportunity;
begin
    select * into o from opportunity where id = e.opportunity_id for share;
    if o.renewal_of_id is not null then
        return;
    end if;
    insert into assignment_day as d (occurred_on, campus_code, call_centre, product_line, team_id, kind, from_user,
                                     to_user, events)
    values (cast(e.occurred_at at time zone 'Asia/Shanghai' as date), coalesce(o.campus_code, ''),
            case when o.campus_code is null then coalesce(o.call_centre, '') else '' end,
            coalesce(o.product_line, ''), coalesce(e.team_id, ''), e.kind, coalesce(e.from_user, ''),
            coalesce(e.to_user, ''), delta)
    on conflict (occurred_on, campus_code, call_centre, product_line, team_id, kind, from_user, to_user)
    do update set events = d.events + excluded.events;
end
$$;

create function assignment_day_sync() returns trigger language plpgsql set search_path from current as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        perform assignment_day_apply(old, -1);
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        perform assignment_day_apply(new, 1);
    end if;
    return null;
end
$$;

create trigger assignment_day_event after insert or update or delete on assignment_event
    for each row execute function assignment_day_sync();

-- An opportunity's events under its old campus, call centre and product line come off, under the new ones go on.
create function assignment_day_move(o opportunity, delta integer) returns void language plpgsql
    set search_path from current as $$
begin
    if o.renewal_of_id is not null then
        return;
    end if;
    insert into assignment_day as d (occurred_on, campus_code, call_centre, product_line, team_id, kind, from_user,
                                     to_user, events)
    select cast(e.occurred_at at time zone 'Asia/Shanghai' as date), coalesce(o.campus_code, ''),
           case when o.campus_code is null then coalesce(o.call_centre, '') else '' end,
           coalesce(o.product_line, ''), coalesce(e.team_id, ''), e.kind, coalesce(e.from_user, ''),
           coalesce(e.to_user, ''), delta * count(*)
      from assignment_event e
     where e.opportunity_id = o.id
     group by cast(e.occurred_at at time zone 'Asia/Shanghai' as date), coalesce(e.team_id, ''), e.kind,
              coalesce(e.from_user, ''), coalesce(e.to_user, '')
    on conflict (occurred_on, campus_code, call_centre, product_line, team_id, kind, from_user, to_user)
    do update set events = d.events + excluded.events;
end
$$;

create function assignment_day_opportunity() returns trigger language plpgsql set search_path from current as $$
begin
    perform assignment_day_move(old, -1);
    perform assignment_day_move(new, 1);
    return null;
end
$$;

-- only an update that moves a counted column: stages, owners and statuses move nothing here
create trigger assignment_day_opportunity after update on opportunity for each row
    when (old.campus_code is distinct from new.campus_code or old.call_centre is distinct from new.call_centre
          or old.product_line is distinct from new.product_line or old.renewal_of_id is distinct from new.renewal_of_id)
    execute function assignment_day_opportunity();
