-- 学生生日 (the student's birth date): given on the enquiry (lead API, 登记客户咨询, the import file) and kept on the
-- customer, who is the student; the daily care sweep greets on the birthday (care-policy.dmn, BIRTHDAY). Personal
-- data: erased with the customer (privacy).
alter table customer add column birth_date date;
