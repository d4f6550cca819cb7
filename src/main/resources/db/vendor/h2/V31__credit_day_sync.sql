-- Keeps credit_day (V30) equal to a recount of the credits and reversals on every insert, as the PostgreSQL trigger of
-- the same version does (com.enrollflow.reporting.CreditDayTrigger). Both tables are only appended to.
create trigger credit_day_credit after insert on sales_credit for each row
    call 'com.enrollflow.reporting.CreditDayTrigger';
create trigger credit_day_reversal after insert on sales_credit_reversal for each row
    call 'com.enrollflow.reporting.CreditDayTrigger';
