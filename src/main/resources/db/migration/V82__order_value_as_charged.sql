-- The contract value on the opportunity (成交金额, order_value) is what its orders not cancelled charge as they stand
-- (payment_order.total), no longer their quotes' final price (decision 580): what a 退班, 退部分课时, 转课 or a refund
-- of the whole contract took off the installments the family had not paid, and what a 转课 added (补差价), now count
-- in the board's 营收 and 净收入, as they already did in the sales credit (业绩). The triggers that keep it (V81 on
-- PostgreSQL, com.enrollflow.reporting.SaleValueTrigger on H2) count the total from this version on; the statement
-- below recounts what was written before, and the opportunities' triggers carry the change into funnel_day,
-- funnel_month and the campaign summaries. It is also the rebuild of order_value from now on, after V28's
-- (docs/operations.md). An order without its quote still counts nothing, as the reports always joined it.
update opportunity o set
    order_value = (select coalesce(sum(p.total), 0) from payment_order p join quote q on q.id = p.quote_id
                    where p.opportunity_id = o.id and p.status <> 'CANCELLED'),
    order_lessons = (select coalesce(sum(case when q.final_price > 0
                                              then cast(round(q.lessons * p.total / q.final_price) as integer)
                                              else q.lessons end), 0)
                       from payment_order p join quote q on q.id = p.quote_id
                      where p.opportunity_id = o.id and p.status <> 'CANCELLED')
 where exists (select 1 from payment_order p join quote q on q.id = p.quote_id
                where p.opportunity_id = o.id and p.status <> 'CANCELLED' and p.total <> q.final_price);

-- A refund of the whole contract records, as a 退班 does, what it took off what the family owes (owed_less: the
-- installments it had not paid, which are no longer asked for as it leaves, and money paid during the approval, now
-- 多付), and unpaid_forgone, the installments' part alone, which its 退费确认书 and the family's mail state.
alter table refund add column unpaid_forgone numeric(12,2);
alter table refund drop constraint ck_refund_line;
alter table refund add constraint ck_refund_line check ((class_line_no is null) = (class_code is null
    and lessons_back is null) and (class_code is null or lessons_back is null)
    and (lessons_back is null or lessons_back >= 0)
    and (owed_less is null or owed_less >= 0)
    and (unpaid_forgone is null or (class_line_no is null and unpaid_forgone >= 0)));
