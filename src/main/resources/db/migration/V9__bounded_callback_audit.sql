-- Gateway callbacks whose signature fails are no longer a row each (a flood of forged callbacks would grow
-- payment_callback without bound): one counter per hour and reason instead. Callbacks with a valid signature keep
-- their row in payment_callback (RECORDED, DUPLICATE, IGNORED, or REJECTED for an unknown order or bad amount).
create table payment_callback_rejection (
    hour_start      timestamp with time zone not null,   -- the hour (UTC) the callbacks arrived in
    reason          varchar(32)  not null,               -- BAD_SIGNATURE, MISSING_SIGNATURE
    callbacks       bigint       not null,
    last_client     varchar(64),                         -- the last sender's address in that hour
    last_order_no   varchar(32),
    last_received_at timestamp with time zone not null,
    constraint pk_payment_callback_rejection primary key (hour_start, reason)
);

-- what earlier versions stored one row per forged callback becomes counters too
insert into payment_callback_rejection (hour_start, reason, callbacks, last_client, last_order_no, last_received_at)
select hour_start, 'BAD_SIGNATURE', count(*), null, max(order_no), max(received_at)
from (select date_trunc('hour', received_at) as hour_start, order_no, received_at
      from payment_callback where signature_valid = false) forged
group by hour_start;
delete from payment_callback where signature_valid = false;
