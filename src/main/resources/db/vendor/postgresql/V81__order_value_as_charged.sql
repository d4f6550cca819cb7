-- V29's order trigger, counting what an order charges as it stands (payment_order.total) instead of its quote's final
-- price (decision 580): a 转课's difference added (补差价) raises it, a 退班, 退部分课时, 转课 difference kept or a refund
-- of the whole contract that takes unpaid installments off lowers it, and the contract value (成交金额) and 净收入 of
-- the board follow. Its lessons (order_lessons, what 课均 divides by) are those the total pays for at the quote's
-- price: the quote's lessons × total ÷ final price, rounded (the quote's lessons for a free one), so that 课均 stays
-- the price per lesson when a refund takes unpaid installments off. The update trigger now also fires when only the
-- total changed. H2's side is com.enrollflow.reporting.SaleValueTrigger. V82 recounts the rows already written.
-- Expand only: the same columns with a truer figure; a node of the previous version writes payment_order as before,
-- and this trigger counts its writes too.
create or replace function opportunity_order_sync() returns trigger language plpgsql set search_path from current as $$
begin
    if tg_op in ('UPDATE', 'DELETE') and old.status <> 'CANCELLED' then
        update opportunity o set order_count = o.order_count - 1, order_value = o.order_value - old.total,
               order_lessons = o.order_lessons - case when q.final_price > 0
                   then cast(round(q.lessons * old.total / q.final_price) as integer) else q.lessons end
          from quote q where q.id = old.quote_id and o.id = old.opportunity_id;
    end if;
    if tg_op in ('INSERT', 'UPDATE') and new.status <> 'CANCELLED' then
        update opportunity o set order_count = o.order_count + 1, order_value = o.order_value + new.total,
               order_lessons = o.order_lessons + case when q.final_price > 0
                   then cast(round(q.lessons * new.total / q.final_price) as integer) else q.lessons end
          from quote q where q.id = new.quote_id and o.id = new.opportunity_id;
    end if;
    return null;
end
$$;

drop trigger opportunity_order_update on payment_order;
create trigger opportunity_order_update after update on payment_order for each row
    when ((old.status = 'CANCELLED') is distinct from (new.status = 'CANCELLED')
          or old.quote_id is distinct from new.quote_id or old.opportunity_id is distinct from new.opportunity_id
          or old.total is distinct from new.total)
    execute function opportunity_order_sync();
