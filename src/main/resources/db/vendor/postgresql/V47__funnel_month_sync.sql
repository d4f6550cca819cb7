-- Keeps funnel_month (V46) equal to funnel_day grouped by month, campus, stage and lead mark: every change of a
-- funnel_day row (its triggers' upserts, at the commit of the write they count) adds its difference to its month's
-- row. Not deferred itself: it runs inside funnel_day's deferred triggers, so a busy campus's month row is locked for
-- the commit only, as its day row is.
-- search_path from current: the schema migrated, also for a session that writes with a schema-qualified name
create function funnel_month_add(d funnel_day, sign integer) returns void language plpgsql
    set search_path from current as $$
begin
    insert into funnel_month as m (campus_code, month_start, stage, is_lead, opportunities, orders, order_value)
    values (d.campus_code, cast(date_trunc('month', d.reached_on) as date), d.stage, d.is_lead,
            sign * d.opportunities, sign * d.orders, sign * d.order_value)
    on conflict (campus_code, month_start, stage, is_lead)
    do update set opportunities = m.opportunities + excluded.opportunities, orders = m.orders + excluded.orders,
                  order_value = m.order_value + excluded.order_value;
end
$$;

create function funnel_month_sync() returns trigger language plpgsql set search_path from current as $$
begin
    if tg_op = 'UPDATE' and old.reached_on = new.reached_on and old.campus_code = new.campus_code
            and old.stage = new.stage and old.is_lead = new.is_lead then
        -- funnel_day's triggers only ever change the counts: one write of the difference
        update funnel_month set opportunities = opportunities + new.opportunities - old.opportunities,
                                orders = orders + new.orders - old.orders,
                                order_value = order_value + new.order_value - old.order_value
         where campus_code = new.campus_code and month_start = cast(date_trunc('month', new.reached_on) as date)
           and stage = new.stage and is_lead = new.is_lead;
        if found then
            return null;
        end if;
    end if;
    if tg_op in ('UPDATE', 'DELETE') then
        perform funnel_month_add(old, -1);
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        perform funnel_month_add(new, 1);
    end if;
    return null;
end
$$;

-- only a change of what funnel_month sums: the lessons and refunds funnel_day also carries count nothing here
create trigger funnel_month_insert_delete after insert or delete on funnel_day
    for each row execute function funnel_month_sync();
create trigger funnel_month_update after update on funnel_day for each row
    when (old.opportunities is distinct from new.opportunities or old.orders is distinct from new.orders
          or old.order_value is distinct from new.order_value or old.reached_on is distinct from new.reached_on
          or old.campus_code is distinct from new.campus_code or old.stage is distinct from new.stage
          or old.is_lead is distinct from new.is_lead)
    execute function funnel_month_sync();
