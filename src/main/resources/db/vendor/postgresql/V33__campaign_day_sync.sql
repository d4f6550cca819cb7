-- Keeps campaign_day (V32) equal to a recount of opportunity on every write by anyone (the application, an old node
-- during a rolling upgrade, an operator's fix): the old row's contribution comes off, the new row's goes on. Deferred
-- to commit, as funnel_day's trigger (V26): the day's counter row of a busy campaign is locked for the commit only.
-- search_path from current: the schema migrated, also for a session that writes with a schema-qualified name
create function campaign_day_apply(o opportunity, delta integer) returns void language plpgsql
    set search_path from current as $$
begin
    if o.renewal_of_id is not null or o.split_from_id is not null then
        return;
    end if;
    insert into campaign_day as d (received_on, campus_code, call_centre, channel, campaign_key, leads, paid, revenue)
    values (cast(o.received_at at time zone 'Asia/Shanghai' as date), coalesce(o.campus_code, ''),
            case when o.campus_code is null then coalesce(o.call_centre, '') else '' end, o.channel,
            coalesce(lower(trim(o.campaign)), ''), delta,
            case when o.paid_at is not null then delta else 0 end,
            case when o.paid_at is not null then delta * o.order_value else 0 end)
    on conflict (received_on, campus_code, call_centre, channel, campaign_key)
    do update set leads = d.leads + excluded.leads, paid = d.paid + excluded.paid,
                  revenue = d.revenue + excluded.revenue;
end
$$;

create function campaign_day_sync() returns trigger language plpgsql set search_path from current as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        perform campaign_day_apply(old, -1);
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        perform campaign_day_apply(new, 1);
    end if;
    return null;
end
$$;

create constraint trigger campaign_day_insert_delete after insert or delete on opportunity
    deferrable initially deferred for each row execute function campaign_day_sync();

-- only an update that moves a counted column: stages before payment, owners and statuses count nothing here
create constraint trigger campaign_day_update after update on opportunity
    deferrable initially deferred for each row
    when (old.received_at is distinct from new.received_at or old.campus_code is distinct from new.campus_code
          or old.call_centre is distinct from new.call_centre or old.channel is distinct from new.channel
          or old.campaign is distinct from new.campaign or old.split_from_id is distinct from new.split_from_id
          or old.renewal_of_id is distinct from new.renewal_of_id or old.paid_at is distinct from new.paid_at
          or old.order_value is distinct from new.order_value)
    execute function campaign_day_sync();
