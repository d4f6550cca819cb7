-- V29's refund payout trigger, leaving out the payouts of an overpayment paid back (多付款退还, V65): money beyond the
-- contract's value, never part of the sale's refunded value. H2's side is com.enrollflow.reporting.SaleValueTrigger.
create or replace function opportunity_refund_sync() returns trigger language plpgsql set search_path from current as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        update opportunity o set refunded_value = o.refunded_value - old.amount
          from refund f where f.id = old.refund_id and o.id = f.opportunity_id and f.reason <> 'OVERPAYMENT';
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        update opportunity o set refunded_value = o.refunded_value + new.amount
          from refund f where f.id = new.refund_id and o.id = f.opportunity_id and f.reason <> 'OVERPAYMENT';
    end if;
    return null;
end
$$;
