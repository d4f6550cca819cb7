-- 销售过程's activity counts (接待、分配、退回、回收、关单、成单) per day (assignment_day): the assignment events of each
-- Beijing day per campus (or call centre), product line, team, kind and the people they name, so that the board
-- reads a few thousand counter rows instead of joining a period's events to their opportunities (at 1 000 000
-- opportunities a month of every campus took 0.9 s, most of it reading every opportunity for the join:
-- docs/benchmark.md).
--
-- What counts, as the report counted from assignment_event joined to opportunity: events of opportunities that are
-- not renewals, under the opportunity's campus, call centre and product line as they are now. Kept equal to that
-- recount by triggers per database (V36, under db/vendor): an event adds to its day's row, and an opportunity whose
-- campus, call centre, product line or renewal mark changes moves its events' counts with it. Filled by V37 after
-- the triggers are in place, so that an event written by a running node while the migrations run is counted once.
-- Channel and campaign are not kept: a filter on them reads the events and opportunities as before.
-- Expand only: a new table; an application of the previous version runs unchanged beside it (its writes are counted
-- by the triggers too). Portable between H2 2.x and PostgreSQL 13+.
create table assignment_day (
    occurred_on     date          not null,             -- the event's Beijing day
    campus_code     varchar(16)   not null,             -- the opportunity's campus; '' when it has none
    call_centre     varchar(32)   not null,             -- the call centre of an opportunity without campus, else ''
    product_line    varchar(16)   not null,             -- '' until intent says
    team_id         varchar(32)   not null,             -- '' for an event of no team
    kind            varchar(24)   not null,
    from_user       varchar(64)   not null,             -- '' when the event names nobody
    to_user         varchar(64)   not null,
    events          bigint        default 0 not null,
    constraint pk_assignment_day primary key (occurred_on, campus_code, call_centre, product_line, team_id, kind,
        from_user, to_user)
);
