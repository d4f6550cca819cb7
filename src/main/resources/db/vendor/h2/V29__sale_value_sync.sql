-- Keeps the money of V28 right on every write, as the PostgreSQL triggers of the same version do: an order not
-- cancelled adds its quote's final price and lessons to its opportunity, a refund paid out its amount
-- (com.enrollflow.reporting.SaleValueTrigger); funnel_day's trigger is set up again so that it knows V28's columns
-- and carries them on its 'paid' rows (com.enrollflow.reporting.FunnelDayTrigger).
drop trigger funnel_day_sync;
create trigger funnel_day_sync after insert, update, delete on opportunity for each row
    call 'com.enrollflow.reporting.FunnelDayTrigger';
create trigger opportunity_order_sync after insert, update, delete on payment_order for each row
    call 'com.enrollflow.reporting.SaleValueTrigger';
create trigger opportunity_refund_sync after insert, update, delete on refund_payout for each row
    call 'com.enrollflow.reporting.SaleValueTrigger';
