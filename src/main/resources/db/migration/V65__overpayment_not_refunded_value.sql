-- An overpayment paid back (多付款退还, refund.reason = 'OVERPAYMENT') returns money that was never the contract's
-- value: the funnel's 退费 and 净营收 (contract value − refunded) and the board's money must not count it. From this
-- version the refund payout triggers (V66 on PostgreSQL, com.enrollflow.reporting.SaleValueTrigger on H2) leave it
-- out. This statement is also the rebuild of refunded_value from now on, in place of V28's (docs/operations.md); no
-- overpayment refund exists before this version, so it changes no row here.
update opportunity o set
    refunded_value = (select coalesce(sum(x.amount), 0) from refund_payout x join refund f on f.id = x.refund_id
                       where f.opportunity_id = o.id and f.reason <> 'OVERPAYMENT')
 where exists (select 1 from refund f where f.opportunity_id = o.id);
