-- 退部分课时 (decision 579): a refund of some of a contract's 1:1 lessons, the rest going on. lessons_back is how many
-- lessons of the ledger line class_line_no it gives back. A 退班 gives back everything left on its class's line and
-- names the class instead; a refund of the whole contract has neither. lessons_back falls (to 0 at worst) when the
-- lessons were taught during the approval and fewer are left to give back.
alter table refund add column lessons_back integer;
alter table refund drop constraint ck_refund_class;
alter table refund add constraint ck_refund_line check ((class_line_no is null) = (class_code is null
    and lessons_back is null) and (class_code is null or lessons_back is null)
    and (lessons_back is null or lessons_back >= 0)
    and (owed_less is null or (class_line_no is not null and owed_less >= 0)));
