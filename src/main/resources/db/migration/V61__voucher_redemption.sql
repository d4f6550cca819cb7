-- A voucher (代金券) used on a later purchase. The quote that deducts it names it and the amount deducted; the
-- contract issued from that quote redeems it (contract_id, redeemed_at). A contract cancelled (作废) gives it back:
-- a later contract may then redeem it again, over the cancelled one. Portable between H2 2.x and PostgreSQL 13+.
alter table quote add column voucher_id bigint;
alter table quote add column voucher_amount numeric(12,2);
alter table quote add constraint fk_quote_voucher foreign key (voucher_id) references voucher (id);
alter table quote add constraint ck_quote_voucher
    check ((voucher_id is null and voucher_amount is null) or (voucher_id is not null and voucher_amount > 0));
create index ix_quote_voucher on quote (voucher_id);

alter table voucher add column contract_id bigint;
alter table voucher add column redeemed_at timestamp with time zone;
alter table voucher add constraint fk_voucher_contract foreign key (contract_id) references contract (id);
alter table voucher add constraint ck_voucher_redeemed check ((contract_id is null) = (redeemed_at is null));
