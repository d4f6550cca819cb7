-- 退班 (decision 574): a refund of one class of a contract, the rest of the contract going on. The class and its line
-- on the hours ledger; owed_less is what leaving the class took off installments the family had not paid yet (set
-- when the teaching of the class stops, on approval). A refund of the whole contract has none of them.
alter table refund add column class_code varchar(32);
alter table refund add column class_line_no integer;
alter table refund add column owed_less numeric(12,2);
alter table refund add constraint fk_refund_class foreign key (class_code) references class_offering (code);
alter table refund add constraint ck_refund_class check ((class_code is null) = (class_line_no is null)
    and (owed_less is null or (class_line_no is not null and owed_less >= 0)));
