-- 销售过程's stuck figures count the open opportunities of the reader's campuses by where they stand (stage, contacted
-- or not, exempt or not, with a consultant or in which pool) and subtract those whose last move is still within their
-- team's limits. Counting all of them from the opportunities read every open one (34 838 index entries, 15–50 ms for
-- every campus at 1 000 000 opportunities: the board benchmark, docs/benchmark.md, decision 517); open_standing keeps
-- those counts as they change, a few hundred rows, and the report reads only the opportunities that moved within the
-- longest limit (V59's index). Kept equal to that recount by the trigger below; filled by V58 after the trigger is in
-- place, so that an opportunity written by a running node while the migrations run is counted once. (H2's V57 is a
-- view counting the same live, as open_pipeline's V42 is there.)
-- Expand only: a new table and triggers; an application of the previous version runs unchanged beside it (its writes
-- are counted by the trigger too).
create table open_standing (
    campus_code     varchar(16)   not null,             -- the opportunity's campus; '' when it has none yet
    call_centre     varchar(32)   not null,             -- the call centre holding it while it has no campus; '' otherwise
    team_id         varchar(32)   not null,             -- '' while no team has it
    product_line    varchar(16)   not null,             -- '' until intent says
    stage           varchar(16)   not null,             -- FunnelStage.standingSql: the furthest it reached
    contacted       boolean       not null,             -- first_contact_at is set
    exempt          boolean       not null,             -- recycle_exempt (锁定/VIP)
    assigned        boolean       not null,             -- owner_user is set
    pool            varchar(8)    not null,             -- TEAM or PUBLIC while waiting to be claimed; '' otherwise
    opportunities   bigint        default 0 not null,
    constraint pk_open_standing primary key (campus_code, call_centre, team_id, product_line, stage, contacted,
        exempt, assigned, pool)
);

-- The old row's count comes off, the new row's goes on, at commit (deferred, as open_pipeline's V43): a campus's
-- counter row is locked for the commit only. Counted: open and not a renewal, as SalesProcess counts them.
-- search_path from current: the schema migrated, also for a session that writes with a schema-qualified name
create function open_standing_apply(o opportunity, delta integer) returns void language plpgsql
    set search_path from current as $$
begin
    if o.status <> 'OPEN' or o.renewal_of_id is not null then
        return;
    end if;
    insert into open_standing as s (campus_code, call_centre, team_id, product_line, stage, contacted, exempt,
                                    assigned, pool, opportunities)
    values (coalesce(o.campus_code, ''), case when o.campus_code is null then coalesce(o.call_centre, '') else '' end,
            coalesce(o.team_id, ''), coalesce(o.product_line, ''),
            case when o.planned_at is not null then 'PLANNED' when o.visited_at is not null then 'VISITED'
                 when o.agreed_at is not null then 'AGREED' when o.intent_at is not null then 'INTENT'
                 when o.valid_at is not null then 'VALID' else 'RECEIVED' end,
            o.first_contact_at is not null, o.recycle_exempt, o.owner_user is not null, coalesce(o.pool, ''), delta)
    on conflict (campus_code, call_centre, team_id, product_line, stage, contacted, exempt, assigned, pool)
    do update set opportunities = s.opportunities + excluded.opportunities;
end
$$;

create function open_standing_sync() returns trigger language plpgsql set search_path from current as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        perform open_standing_apply(old, -1);
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        perform open_standing_apply(new, 1);
    end if;
    return null;
end
$$;

create constraint trigger open_standing_insert_delete after insert or delete on opportunity
    deferrable initially deferred for each row execute function open_standing_sync();

-- only an update that moves a counted column: a new owner in place of another, a contact count or a progress time
-- counts nothing here
create constraint trigger open_standing_update after update on opportunity
    deferrable initially deferred for each row
    when (old.status is distinct from new.status or old.renewal_of_id is distinct from new.renewal_of_id
          or old.campus_code is distinct from new.campus_code or old.call_centre is distinct from new.call_centre
          or old.team_id is distinct from new.team_id or old.product_line is distinct from new.product_line
          or old.valid_at is distinct from new.valid_at or old.intent_at is distinct from new.intent_at
          or old.agreed_at is distinct from new.agreed_at or old.visited_at is distinct from new.visited_at
          or old.planned_at is distinct from new.planned_at
          or (old.first_contact_at is null) <> (new.first_contact_at is null)
          or old.recycle_exempt is distinct from new.recycle_exempt
          or (old.owner_user is null) <> (new.owner_user is null) or old.pool is distinct from new.pool)
    execute function open_standing_sync();

-- V49's campus lock is taken before any summary row of a campus is written at commit: it now fires for the writes
-- open_standing counts too (the union grows by the first contact, the exemption, the owner's presence and the pool).
drop trigger a_summary_campus_lock_update on opportunity;
create constraint trigger a_summary_campus_lock_update after update on opportunity
    deferrable initially deferred for each row
    when (old.received_at is distinct from new.received_at or old.valid_at is distinct from new.valid_at
          or old.intent_at is distinct from new.intent_at or old.agreed_at is distinct from new.agreed_at
          or old.visited_at is distinct from new.visited_at or old.planned_at is distinct from new.planned_at
          or old.paid_at is distinct from new.paid_at or old.campus_code is distinct from new.campus_code
          or old.call_centre is distinct from new.call_centre or old.team_id is distinct from new.team_id
          or old.split_from_id is distinct from new.split_from_id
          or old.renewal_of_id is distinct from new.renewal_of_id
          or old.order_count is distinct from new.order_count or old.order_value is distinct from new.order_value
          or old.order_lessons is distinct from new.order_lessons
          or old.refunded_value is distinct from new.refunded_value
          or old.channel is distinct from new.channel or old.campaign is distinct from new.campaign
          or old.status is distinct from new.status or old.product_line is distinct from new.product_line
          or (old.first_contact_at is null) <> (new.first_contact_at is null)
          or old.recycle_exempt is distinct from new.recycle_exempt
          or (old.owner_user is null) <> (new.owner_user is null) or old.pool is distinct from new.pool)
    execute function summary_campus_lock();
