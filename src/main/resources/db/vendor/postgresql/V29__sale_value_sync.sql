-- Keeps the money of V28 right on every write by anyone (the application, an old node during a rolling upgrade, an
-- operator's fix), as V26 does for the funnel's counts:
-- - an order (payment_order) not cancelled adds its quote's final price and lessons to its opportunity, and takes
--   them off again when it is cancelled, moved or deleted;
-- - a refund paid out (refund_payout) adds its amount to the refunded value of the refund's opportunity;
-- - funnel_day's 'paid' rows carry the paid opportunities' four figures: funnel_day_apply now adds them, and its
--   update trigger also fires when only they changed.
-- Immediate, not deferred: the opportunity's figures follow each statement, so an order written before or after the
-- opportunity's paid_at within one transaction is counted once; funnel_day's own trigger stays deferred to commit.
-- search_path from current: the schema migrated, also for a session that writes with a schema-qualified name

create function opportunity_order_sync() returns trigger language plpgsql set search_path from current as $$
begin
    if tg_op in ('UPDATE', 'DELETE') and old.status <> 'CANCELLED' then
        update opportunity o set order_count = o.order_count - 1, order_value = o.order_value - q.final_price,
               order_lessons = o.order_lessons - q.lessons
          from quote q where q.id = old.quote_id and o.id = old.opportunity_id;
    end if;
    if tg_op in ('INSERT', 'UPDATE') and new.status <> 'CANCELLED' then
        update opportunity o set order_count = o.order_count + 1, order_value = o.order_value + q.final_price,
               order_lessons = o.order_lessons + q.lessons
          from quote q where q.id = new.quote_id and o.id = new.opportunity_id;
    end if;
    return null;
end
$$;

-- an OPEN order becoming PAID changes nothing counted: only a change of what counts fires
create trigger opportunity_order_insert_delete after insert or delete on payment_order
    for each row execute function opportunity_order_sync();
create trigger opportunity_order_update after update on payment_order for each row
    when ((old.status = 'CANCELLED') is distinct from (new.status = 'CANCELLED')
          or old.quote_id is distinct from new.quote_id or old.opportunity_id is distinct from new.opportunity_id)
    execute function opportunity_order_sync();

create function opportunity_refund_sync() returns trigger language plpgsql set search_path from current as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        update opportunity o set refunded_value = o.refunded_value - old.amount
          from refund f where f.id = old.refund_id and o.id = f.opportunity_id;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        update opportunity o set refunded_value = o.refunded_value + new.amount
          from refund f where f.id = new.refund_id and o.id = f.opportunity_id;
    end if;
    return null;
end
$$;

create trigger opportunity_refund_insert_delete after insert or delete on refund_payout
    for each row execute function opportunity_refund_sync();
create trigger opportunity_refund_update after update on refund_payout for each row
    when (old.amount is distinct from new.amount or old.refund_id is distinct from new.refund_id)
    execute function opportunity_refund_sync();

create or replace function funnel_day_apply(o opportunity, delta integer) returns void language plpgsql
    set search_path from current as $$
begin
    if o.renewal_of_id is not null then
        return;
    end if;
    insert into funnel_day as f (reached_on, stage, campus_code, call_centre, team_id, is_lead, opportunities, orders,
                                 order_value, order_lessons, refunded_value)
    select cast(r.at at time zone 'Asia/Shanghai' as date), r.stage, coalesce(o.campus_code, ''),
           case when o.campus_code is null then coalesce(o.call_centre, '') else '' end,
           coalesce(o.team_id, ''), o.split_from_id is null, delta,
           case when r.stage = 'paid' then delta * o.order_count else 0 end,
           case when r.stage = 'paid' then delta * o.order_value else 0 end,
           case when r.stage = 'paid' then delta * o.order_lessons else 0 end,
           case when r.stage = 'paid' then delta * o.refunded_value else 0 end
      from (values ('leads', o.received_at), ('valid', o.valid_at), ('intent', o.intent_at), ('agreed', o.agreed_at),
                   ('visited', o.visited_at), ('planned', o.planned_at), ('paid', o.paid_at)) as r (stage, at)
     where r.at is not null
    on conflict (reached_on, stage, campus_code, call_centre, team_id, is_lead)
    do update set opportunities = f.opportunities + excluded.opportunities, orders = f.orders + excluded.orders,
                  order_value = f.order_value + excluded.order_value,
                  order_lessons = f.order_lessons + excluded.order_lessons,
                  refunded_value = f.refunded_value + excluded.refunded_value;
end
$$;

drop trigger funnel_day_update on opportunity;
create constraint trigger funnel_day_update after update on opportunity
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
          or old.refunded_value is distinct from new.refunded_value)
    execute function funnel_day_sync();
