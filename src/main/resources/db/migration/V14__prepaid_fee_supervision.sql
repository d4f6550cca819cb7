-- 预收费监管 (prepaid-fee supervision): the collection limit a sale was priced under.

-- The city's limit (collection-limit.dmn) and the plan's lessons a week when the plan was priced: the payments
-- follow from them (PaymentSchedule). Null limits: priced before the limit was recorded, collected as chosen.
alter table sale_terms add column limit_max_lessons integer;
alter table sale_terms add column limit_max_months integer;
alter table sale_terms add column lessons_per_week integer;
alter table sale_terms add constraint ck_sale_terms_limit
    check ((limit_max_lessons is null or limit_max_lessons > 0) and (limit_max_months is null or limit_max_months > 0)
        and (lessons_per_week is null or lessons_per_week >= 0));

-- What the order says of the limit: the split in words (按预收费监管规定，分 2 次收费…) when the limit imposed it,
-- and the most one payment may collect (null: no limit, or the limit allows the whole total).
alter table payment_order add column collection_note varchar(200);
alter table payment_order add column collection_cap numeric(12,2);
alter table payment_order add constraint ck_payment_order_collection_cap
    check (collection_cap is null or collection_cap > 0);
