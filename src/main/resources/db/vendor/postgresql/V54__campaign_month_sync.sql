-- Keeps campaign_month (V53) equal to campaign_day grouped by month: every change of a campaign_day row (its
-- triggers' upserts, at the commit of the write they count) adds its difference to its month's row, as funnel_month's
-- trigger does for funnel_day (V47). Not deferred itself: it runs inside campaign_day's deferred triggers, after the
-- campus's summary lock (V49), so a busy campaign's month row is locked for the commit only, as its day row is.
-- search_path from current: the schema migrated, also for a session that writes with a schema-qualified name
create function campaign_month_add(d campaign_day, sign integer) returns void language plpgsql
    set search_path from current as $$
begin
    insert into campaign_month as m (month_start, campus_code, call_centre, channel, campaign_key, leads, paid,
                                     revenue)
    values (cast(date_trunc('month', d.received_on) as date), d.campus_code, d.call_centre, d.channel,
            d.campaign_key, sign * d.leads, sign * d.paid, sign * d.revenue)
    on conflict (month_start, campus_code, call_centre, channel, campaign_key)
    do update set leads = m.leads + excluded.leads, paid = m.paid + excluded.paid,
                  revenue = m.revenue + excluded.revenue;
end
$$;

create function campaign_month_sync() returns trigger language plpgsql set search_path from current as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        perform campaign_month_add(old, -1);
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        perform campaign_month_add(new, 1);
    end if;
    return null;
end
$$;

create trigger campaign_month_insert_delete after insert or delete on campaign_day
    for each row execute function campaign_month_sync();
create trigger campaign_month_update after update on campaign_day for each row
    when (old.leads is distinct from new.leads or old.paid is distinct from new.paid
          or old.revenue is distinct from new.revenue or old.received_on is distinct from new.received_on
          or old.campus_code is distinct from new.campus_code or old.call_centre is distinct from new.call_centre
          or old.channel is distinct from new.channel or old.campaign_key is distinct from new.campaign_key)
    execute function campaign_month_sync();
