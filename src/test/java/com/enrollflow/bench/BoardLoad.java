package com.enrollflow.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The board benchmark's data (经营看板, {@link BoardBenchmark}): N customers and opportunities over the two years up to
 * now with their timeline, assignment events, quotes, contracts, payment orders, payments, sales credit, refunds,
 * renewals, complaints, surveys, campaigns and targets, written straight into the application's tables by SQL (one
 * {@code insert … select} per table over {@code generate_series}), not through the engine.
 *
 * <p>Every choice is a hash of the row number ({@code hashint8extended}), never {@code random()}: the same N gives the
 * same rows relative to the run's hour. Foreign keys and check constraints stay on, so the rows are what the schema
 * accepts. Shape: 70 % of the leads become valid, 40 % intent (assigned to a consultant of the campus's team for the
 * product line), 25 % agree to visit, 18 % visit, 12 % get a plan, 8 % pay, each stage later than the one before and
 * never after now; 1 in 40 opportunities is split off its lead at intent (the other product line), about a third of the
 * paid ones are up for renewal (an opportunity of its own, {@code renewal_of_id}) 2–8 months later. Opportunities and
 * assignment events are written in the order they happened, as the application writes them, so the tables are laid
 * out by time as a real one would be.
 */
public final class BoardLoad {

    /** Opportunity and customer ids start here (renewal opportunities at {@link #RENEWAL_BASE}). */
    static final long BASE = 10_000_000L;
    static final long RENEWAL_BASE = 20_000_000L;

    /** The demo teams with their members, a campus's teacher ids: the owners and teachers of the rows. */
    private static final String TEAMS = "with teams as (select s.id, s.member_group, s.strategy, "
            + "array_agg(m.user_id order by m.user_id) as users from sales_team s join team_member m "
            + "on m.team_id = s.id group by s.id, s.member_group, s.strategy) ";
    private static final String TEACHERS = "tch as (select campus_code, array_agg(id order by id) as ids from teacher "
            + "group by campus_code) ";

    /** One statement per table (a few small ones for references between them), in order; name → SQL. */
    static Map<String, String> statements() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("customer", """
                insert into customer (id, name, phone, email, created_at, updated_at)
                select 10000000 + i, '基准家长' || i, '13' || lpad(i::text, 9, '0'), null, x.at, x.at
                from bench_param p, generate_series(1, p.n) i,
                     lateral (select p.now - bench_u(i, 1) * interval '730 days' as at) x""");
        s.put("opportunity", TEAMS + """
                select 10000000 + b.i, 10000000 + b.k,
                       case when b.paid_at is not null then 'WON'
                            when b.received > b.now - interval '45 days' and bench_u(b.i, 19) < 0.55 then 'OPEN'
                            when b.valid_at is null then 'INVALID' when b.intent_at is null then 'NOT_CONVERTED'
                            else 'LOST' end as status,
                       case when b.paid_at is not null then 'PAID' when b.planned_at is not null then 'PLANNED'
                            when b.visited_at is not null then 'VISITED' when b.agreed_at is not null then 'AGREED'
                            when b.assigned_at is not null then 'ASSIGNED' when b.intent_at is not null then 'INTENT'
                            when b.valid_at is not null then 'VALID' else 'RECEIVED' end as stage,
                       b.channel, b.campaign, b.campus, b.line,
                       case when b.intent_at is null then null when bench_u(b.i, 21) < 0.3 then 'HIGH'
                            when bench_u(b.i, 21) < 0.8 then 'MEDIUM' else 'LOW' end as intent_level,
                       case when b.assigned_at is not null
                            then t.users[1 + floor(bench_u(b.i, 18) * cardinality(t.users))::int] end as owner_user,
                       case when b.assigned_at is not null then t.member_group else 'callCenter' end as owner_group,
                       case when b.first_contact_at is null then (bench_u(b.i, 22) * 3)::int else 1 end as attempts,
                       case when b.split then 10000000 + b.k end as split_from_id,
                       b.received, b.valid_at, b.intent_at, b.assigned_at, b.first_contact_at, b.agreed_at,
                       b.visited_at, b.planned_at, b.paid_at,
                       case when b.assigned_at is not null then b.team end as team_id,
                       greatest(b.received, b.valid_at, b.intent_at, b.assigned_at, b.first_contact_at, b.agreed_at,
                                b.visited_at, b.planned_at) as last_move,
                       b.now
                from (select a.*,
                             case when a.s < 0.70 and a.valid0 <= a.now then a.valid0 end as valid_at,
                             case when a.s < 0.40 and a.intent0 <= a.now then a.intent0 end as intent_at,
                             case when a.s < 0.40 and a.assigned0 <= a.now then a.assigned0 end as assigned_at,
                             case when a.s < 0.40 and (a.s < 0.25 or bench_u(a.i, 12) < 0.9) and a.contact0 <= a.now
                                  then a.contact0 end as first_contact_at,
                             case when a.s < 0.25 and a.agreed0 <= a.now then a.agreed0 end as agreed_at,
                             case when a.s < 0.18 and a.visited0 <= a.now then a.visited0 end as visited_at,
                             case when a.s < 0.12 and a.planned0 <= a.now then a.planned0 end as planned_at,
                             case when a.s < 0.08 and a.paid0 <= a.now then a.paid0 end as paid_at,
                             case when a.s < 0.40 and a.intent0 <= a.now or bench_u(a.k, 13) < 0.85 then a.campus0
                                  end as campus,
                             replace(a.campus0, '-', '') || case a.line when 'ONE_ON_ONE' then '1V1' else 'CLASS' end
                                  as team
                      from (select z.*,
                                   z.valid0 + interval '1 hour' + bench_u(z.k, 4) ^ 2 * interval '120 hours' as intent0,
                                   z.valid0 + interval '1 hour' + bench_u(z.k, 4) ^ 2 * interval '120 hours'
                                       + interval '1 minute' + bench_u(z.i, 5) * interval '2 hours' as assigned0
                            from (select y.*,
                                         y.received + interval '30 minutes' + bench_u(y.k, 3) ^ 2 * interval '47 hours'
                                             as valid0
                                  from (select i, k, k <> i as split, p.now,
                                               case when k <> i then 0.40 * bench_u(i, 2) else bench_u(i, 2) end as s,
                                               p.now - bench_u(k, 1) * interval '730 days' as received,
                                               case when bench_u(k, 11) < 0.35 then 'BJ-HD' when bench_u(k, 11) < 0.55
                                                    then 'BJ-CY' when bench_u(k, 11) < 0.85 then 'SH-PD' else 'SH-XH'
                                                    end as campus0,
                                               case when (bench_u(k, 14) < 0.6) <> (k <> i) then 'ONE_ON_ONE'
                                                    else 'CLASS' end as line,
                                               case when bench_u(k, 15) < 0.25 then 'PHONE'
                                                    when bench_u(k, 15) < 0.40 then 'ONLINE_CHAT'
                                                    when bench_u(k, 15) < 0.60 then 'WEB_FORM'
                                                    when bench_u(k, 15) < 0.68 then 'WALK_IN'
                                                    when bench_u(k, 15) < 0.80 then 'CAMPAIGN'
                                                    when bench_u(k, 15) < 0.88 then 'PARTNER'
                                                    when bench_u(k, 15) < 0.98 then 'REFERRAL' else 'TRANSFER' end
                                                    as channel,
                                               case when bench_u(k, 16) < 0.20 then '基准活动' || lpad((1 + floor(
                                                    bench_u(k, 17) * 50))::int::text, 2, '0') end as campaign
                                        from bench_param p, generate_series(1, p.n) i,
                                             lateral (select case when i % 40 = 0 and bench_u(i - 1, 2) < 0.40
                                                      then i - 1 else i end as k) kk) y) z) a0
                            cross join lateral (select a0.assigned0 + interval '10 minutes'
                                    + bench_u(a0.i, 6) ^ 2 * interval '24 hours' as contact0) c1
                            cross join lateral (select c1.contact0 + interval '2 hours'
                                    + bench_u(a0.i, 7) * interval '7 days' as agreed0) c2
                            cross join lateral (select c2.agreed0 + interval '1 day'
                                    + bench_u(a0.i, 8) * interval '6 days' as visited0) c3
                            cross join lateral (select c3.visited0 + interval '30 minutes'
                                    + bench_u(a0.i, 9) ^ 2 * interval '3 days' as planned0) c4
                            cross join lateral (select c4.planned0 + interval '1 hour'
                                    + bench_u(a0.i, 10) ^ 2 * interval '10 days' as paid0) c5
                            cross join lateral (select a0.*, c1.contact0, c2.agreed0, c3.visited0, c4.planned0,
                                    c5.paid0) a) b
                left join teams t on t.id = b.team""");
        // the select above, wrapped into the insert (the columns the app's own insert and later updates write)
        s.put("opportunity", "insert into opportunity (id, customer_id, status, stage, open_slot, channel, campaign, "
                + "campus_code, product_line, intent_level, owner_user, owner_group, contact_attempts, split_from_id, "
                + "received_at, valid_at, intent_at, assigned_at, first_contact_at, agreed_at, visited_at, planned_at, "
                + "paid_at, team_id, first_owner, last_progress_at, closed_at, close_reason, call_centre) "
                + "select r.id, r.cid, r.status, r.stage, case when r.status = 'OPEN' then r.cid || ':' || r.line end, "
                + "r.channel, r.campaign, r.campus, r.line, r.intent_level, r.owner_user, r.owner_group, r.attempts, "
                + "r.split_from_id, r.received, r.valid_at, r.intent_at, r.assigned_at, r.first_contact_at, "
                + "r.agreed_at, r.visited_at, r.planned_at, r.paid_at, r.team_id, r.owner_user, "
                + "case when r.assigned_at is not null then r.last_move end, "
                + "case when r.status in ('INVALID', 'NOT_CONVERTED', 'LOST') then least(r.now, r.last_move "
                + "+ interval '1 day' + bench_u(r.id, 20) * interval '14 days') end, "
                + "case r.status when 'INVALID' then '空号或重复' when 'NOT_CONVERTED' then '暂无意向' "
                + "when 'LOST' then '选择了其他机构' end, 'HQCC' "
                + "from (" + s.get("opportunity").replace("select 10000000 + b.i, 10000000 + b.k,",
                        "select 10000000 + b.i as id, 10000000 + b.k as cid,") + ") r "
                // in the order they came in, as the application writes them: the table is laid out by time
                + "order by r.received, r.id");
        s.put("opportunity (renewals)", """
                insert into opportunity (id, customer_id, status, stage, open_slot, channel, campaign, campus_code,
                    product_line, intent_level, owner_user, owner_group, contact_attempts, received_at, intent_at,
                    planned_at, paid_at, first_owner, last_progress_at, closed_at, close_reason, call_centre,
                    renewal_of_id)
                select 20000000 + (o.id - 10000000), o.customer_id, x.status,
                       case x.status when 'WON' then 'PAID' else 'INTENT' end,
                       case when x.status = 'OPEN' then o.customer_id || ':' || o.product_line end,
                       o.channel, null, o.campus_code, o.product_line, 'HIGH', o.owner_user, 'consultant', 1,
                       r.created, r.created,
                       case when x.status = 'WON' then r.decided - interval '2 hours' end,
                       case when x.status = 'WON' then r.decided end, o.owner_user, r.created,
                       case when x.status = 'LOST' then r.decided end,
                       case when x.status = 'LOST' then x.reason end, o.call_centre, o.id
                from bench_param p, opportunity o
                     cross join lateral (select o.paid_at + interval '60 days' + bench_u(o.id, 40) * interval '180 days'
                             as created) r0
                     cross join lateral (select r0.created, r0.created + interval '1 day'
                             + bench_u(o.id, 43) * interval '20 days' as decided, bench_u(o.id, 42) as u) r
                     cross join lateral (select case
                             when r.decided > p.now or r.created > p.now - interval '30 days' and r.u < 0.5 then 'OPEN'
                             when r.u < 0.55 then 'WON' when r.u < 0.90 then 'LOST' else 'OPEN' end as status,
                             case when r.u < 0.85 then '不续费' else '撤销续费' end as reason) x
                where o.paid_at is not null and o.renewal_of_id is null and bench_u(o.id, 41) < 0.35
                  and r.created <= p.now""");
        s.put("quote", """
                insert into quote (id, opportunity_id, campus_code, product_line, teacher_level, lessons, list_price,
                    standard_discount, extra_discount, final_price, discount_percent, total_discount_percent,
                    unit_price, status, pricing_date, created_by, created_at)
                select o.id, o.id, o.campus_code, o.product_line, 'STANDARD', q.lessons, q.list, q.std, 0,
                       q.list - q.std, 0, 5, round((q.list - q.std) / q.lessons, 2), 'ACCEPTED',
                       cast(o.planned_at at time zone 'Asia/Shanghai' as date), o.owner_user, o.planned_at
                from opportunity o
                     cross join lateral (select (20 + 10 * floor(bench_u(o.id, 30) * 9))::int as lessons,
                             (158 + 40 * floor(bench_u(o.id, 29) * 6))::numeric as unit) q0
                     cross join lateral (select q0.lessons, q0.lessons * q0.unit as list,
                             round(q0.lessons * q0.unit * 0.05, 2) as std) q
                where o.paid_at is not null""");
        s.put("contract", """
                insert into contract (id, number, campus_code, contract_year, seq, quote_id, opportunity_id,
                    customer_id, final_price, status, issued_by, issued_at, sha256, pdf_size)
                select x.id, x.campus_code || '-' || x.y || '-' || lpad(x.seq::text, 5, '0'), x.campus_code, x.y, x.seq,
                       x.id, x.id, x.customer_id, x.final_price, 'ISSUED', x.owner_user,
                       x.planned_at + (x.paid_at - x.planned_at) / 2, md5(x.id::text) || md5(x.id::text || 'pdf'),
                       48000 + (x.id % 5000)::int
                from (select o.id, o.campus_code, o.customer_id, o.owner_user, q.final_price, o.paid_at, o.planned_at,
                             extract(year from o.paid_at at time zone 'Asia/Shanghai')::int as y,
                             row_number() over (partition by o.campus_code,
                                     extract(year from o.paid_at at time zone 'Asia/Shanghai')
                                     order by o.paid_at, o.id) as seq
                      from opportunity o join quote q on q.id = o.id where o.paid_at is not null) x""");
        s.put("payment_order", """
                insert into payment_order (id, order_no, opportunity_id, quote_id, contract_id, campus_code, total,
                    status, created_at)
                select c.id, 'JF' || c.id, c.opportunity_id, c.quote_id, c.id, c.campus_code, c.final_price, 'PAID',
                       c.issued_at
                from contract c""");
        s.put("payment", """
                insert into payment (id, order_id, method, amount, status, external_ref, recorded_by, received_at,
                    confirmed_by, confirmed_at)
                select p.id, p.id, (array['WECHAT', 'ALIPAY', 'CARD', 'BANK_TRANSFER'])[1 + (p.id % 4)::int], p.total,
                       'CONFIRMED', 'BENCH-' || p.id, coalesce(o.owner_user, 'fengyu'), o.paid_at, 'fengyu', o.paid_at
                from payment_order p join opportunity o on o.id = p.opportunity_id""");
        s.put("sales_credit", TEAMS + """
                insert into sales_credit (opportunity_id, user_id, amount, policy, credited_at)
                select o.id, o.owner_user,
                       case when x.shared then round(c.final_price / 2, 2) else c.final_price end,
                       case when x.shared then 'EVEN_SPLIT' when bench_u(o.id, 32) < 0.3 then 'FIRST_TOUCH'
                            else 'LAST_TOUCH' end, o.paid_at
                from opportunity o join contract c on c.id = o.id
                     cross join lateral (select o.team_id is not null and bench_u(o.id, 31) < 0.15 as shared) x
                union all
                select o.id, t.users[1 + array_position(t.users, o.owner_user) % cardinality(t.users)],
                       c.final_price - round(c.final_price / 2, 2), 'EVEN_SPLIT', o.paid_at
                from opportunity o join contract c on c.id = o.id join teams t on t.id = o.team_id
                where bench_u(o.id, 31) < 0.15""");
        s.put("refund", """
                insert into refund (id, refund_no, contract_id, opportunity_id, customer_id, campus_code, reason,
                    status, paid, consumed_value, fees, fee_name, amount, shortfall, consumed_lessons,
                    purchased_lessons, unit_price, computation, required_levels, requested_by, requested_at,
                    concluded_at, withdrawal, paid_out_at)
                select c.id, 'TF' || c.id, c.id, c.opportunity_id, c.customer_id, c.campus_code,
                       (array['PERSONAL', 'TEACHING', 'RELOCATION', 'SCHEDULE', 'OTHER'])[1 + (c.id % 5)::int],
                       x.status, c.final_price, x.used * q.unit_price, 0, '无', c.final_price - x.used * q.unit_price, 0,
                       x.used, q.lessons, q.unit_price, '基准数据：已上 ' || x.used || ' 课时', 'campusDirector',
                       coalesce(q.created_by, 'chenxi'), r.at, r.at + interval '2 days', false,
                       case when x.status = 'PAID' then r.at + interval '5 days' end
                from bench_param p, contract c join quote q on q.id = c.quote_id
                     cross join lateral (select c.issued_at + interval '20 days'
                             + bench_u(c.id, 34) * interval '100 days' as at) r
                     cross join lateral (select floor(q.lessons * 0.5 * bench_u(c.id, 35))::int as used,
                             case when bench_u(c.id, 36) < 0.8 then 'PAID' else 'REJECTED' end as status) x
                where bench_u(c.id, 33) < 0.03 and r.at + interval '5 days' <= p.now""");
        s.put("refund_payout", """
                insert into refund_payout (refund_id, payment_id, channel, amount, voucher, paid_by, paid_at)
                select f.id, f.contract_id, 'GATEWAY', f.amount, 'RF' || f.id, 'fengyu', f.paid_out_at
                from refund f where f.status = 'PAID'""");
        s.put("sales_credit_reversal", """
                insert into sales_credit_reversal (refund_id, user_id, amount, reversed_at)
                select f.id, c.user_id, round(c.amount * f.amount / f.paid, 2), f.paid_out_at
                from refund f join sales_credit c on c.opportunity_id = f.opportunity_id where f.status = 'PAID'""");
        s.put("contract (refunded)", """
                update contract c set status = 'PARTIALLY_REFUNDED'
                from refund f where f.contract_id = c.id and f.status = 'PAID'""");
        s.put("renewal", "with " + TEACHERS + """
                insert into renewal (id, renewal_no, contract_id, open_contract_id, auto_contract_id, opportunity_id,
                    customer_id, campus_code, product_line, owner_user, consultant_id, teacher_id, trigger_kind,
                    remaining_at_start, status, decline_reason, new_contract_id, created_by, created_at, decided_by,
                    decided_at)
                select o.id, 'XF' || o.id, o.renewal_of_id, case when x.status in ('OPEN', 'POSTPONED')
                       then o.renewal_of_id end, case when x.auto then o.renewal_of_id end, o.id, o.customer_id,
                       o.campus_code, o.product_line, o.owner_user, o.owner_user,
                       t.ids[1 + floor(bench_u(o.id, 46) * cardinality(t.ids))::int],
                       case when x.auto then 'HOURS_LOW' else 'REQUESTED' end, 4, x.status,
                       case when x.status = 'DECLINED' then '暂时不需要' end,
                       case when x.status = 'RENEWED' then o.id end,
                       case when x.auto then 'system' else o.owner_user end,
                       o.received_at, case when x.status in ('RENEWED', 'DECLINED', 'CANCELLED') then o.owner_user end,
                       coalesce(o.paid_at, o.closed_at)
                from opportunity o left join tch t on t.campus_code = o.campus_code
                     cross join lateral (select case when o.status = 'WON' then 'RENEWED'
                             when o.status = 'OPEN' and bench_u(o.id, 45) < 0.3 then 'POSTPONED'
                             when o.status = 'OPEN' then 'OPEN' when o.close_reason = '不续费' then 'DECLINED'
                             else 'CANCELLED' end as status, bench_u(o.id, 44) < 0.8 as auto) x
                where o.renewal_of_id is not null""");
        s.put("timeline_event", """
                insert into timeline_event (customer_id, opportunity_id, occurred_at, event_type, actor, detail)
                select o.customer_id, o.id, e.at, e.kind, e.actor, null
                from opportunity o cross join lateral (values
                    (o.received_at, case when o.renewal_of_id is null then 'LEAD_RECEIVED' else 'RENEWAL_STARTED' end,
                        case when o.id % 2 = 0 then 'zhangli' else 'wangfang' end),
                    (o.valid_at, 'MARKED_VALID', case when o.id % 2 = 0 then 'zhangli' else 'wangfang' end),
                    (o.intent_at, case when o.renewal_of_id is null then 'INTENT_CONFIRMED' else 'RENEWAL_AGREED' end,
                        coalesce(o.owner_user, 'zhangli')),
                    (o.assigned_at, 'ASSIGNED', 'system'),
                    (o.first_contact_at, 'FIRST_CONTACT', coalesce(o.owner_user, 'system')),
                    (o.agreed_at, 'AGREED_TO_VISIT', coalesce(o.owner_user, 'system')),
                    (o.visited_at, 'VISITED', 'zhaomin'),
                    (o.planned_at, 'PLAN_MADE', coalesce(o.owner_user, 'system')),
                    (o.paid_at, 'PAID', 'fengyu'),
                    (o.closed_at, case o.status when 'INVALID' then 'CLOSED_INVALID'
                        when 'NOT_CONVERTED' then 'CLOSED_NOT_CONVERTED' else 'CLOSED_LOST' end,
                        coalesce(o.owner_user, 'zhangli'))) e(at, kind, actor)
                where e.at is not null""");
        s.put("assignment_event", TEAMS + """
                insert into assignment_event (opportunity_id, team_id, kind, from_user, to_user, strategy, actor,
                    occurred_at)
                select o.id, o.team_id, e.kind, e.from_user, e.to_user, e.strategy, e.actor, e.at
                from opportunity o join teams t on t.id = o.team_id
                     cross join lateral (select t.users[1 + array_position(t.users, o.owner_user)
                             % cardinality(t.users)] as other, bench_u(o.id, 37) as u) x
                     cross join lateral (values
                    (o.intent_at, 'ROUTED', null, null, null, 'system'),
                    (case when x.u < 0.06 then o.assigned_at - interval '30 seconds' end, 'RETURNED', x.other, null,
                        null, x.other),
                    (case when x.u >= 0.06 and x.u < 0.10 then o.assigned_at - interval '1 minute' end,
                        'RECYCLED_UNHANDLED', x.other, null, null, 'system'),
                    (o.assigned_at, 'ASSIGNED', null, o.owner_user, t.strategy, 'system'),
                    (o.first_contact_at, 'FIRST_CONTACT', null, o.owner_user, null, o.owner_user),
                    (o.paid_at, 'WON', null, o.owner_user, null, 'system'),
                    (case when o.status in ('LOST', 'NOT_CONVERTED') then o.closed_at end, 'CLOSED', o.owner_user, null,
                        null, o.owner_user)) e(at, kind, from_user, to_user, strategy, actor)
                where e.at is not null
                order by e.at""");
        s.put("complaint", """
                insert into complaint (id, complaint_no, customer_id, opportunity_id, campus_code, category, severity,
                    description, handler_group, status, response_due, resolution_due, responded_at, resolved_at,
                    resolution, callback_outcome, satisfaction, created_by, created_at, closed_at)
                select o.id, 'TS' || o.id, o.customer_id, o.id, o.campus_code,
                       (array['TEACHING', 'SERVICE', 'SCHEDULING', 'FEES', 'ENVIRONMENT', 'OTHER'])
                           [1 + floor(bench_u(o.id, 52) * 6)::int],
                       case when bench_u(o.id, 53) < 0.8 then 'NORMAL' when bench_u(o.id, 53) < 0.95 then 'SERIOUS'
                            else 'URGENT' end,
                       '家长反映的问题（基准数据）', 'customerService', x.status, x.at + interval '4 hours',
                       x.at + interval '48 hours',
                       case when x.status = 'CLOSED' or bench_u(o.id, 54) < 0.5
                            then least(p.now, x.at + interval '10 minutes' + bench_u(o.id, 55) ^ 2 * interval '8 hours')
                            end,
                       case when x.status = 'CLOSED' then x.at + interval '2 hours'
                            + bench_u(o.id, 56) * interval '94 hours' end,
                       case when x.status = 'CLOSED' then '已与家长沟通并处理' end,
                       case when x.status = 'CLOSED' then 'REACHED' end,
                       case when x.status = 'CLOSED' then 3 + floor(bench_u(o.id, 57) * 3)::int end,
                       'chenxi', x.at,
                       case when x.status = 'CLOSED' then x.at + interval '100 hours' end
                from bench_param p, opportunity o
                     cross join lateral (select o.paid_at + interval '3 days' + bench_u(o.id, 50) * interval '200 days'
                             as at0) x0
                     cross join lateral (select x0.at0 as at, case when x0.at0 > p.now - interval '5 days' then 'OPEN'
                             else 'CLOSED' end as status) x
                where o.paid_at is not null and bench_u(o.id, 51) < 0.04 and x.at <= p.now""");
        s.put("survey", "with " + TEACHERS + """
                insert into survey (contract_id, opportunity_id, customer_id, campus_code, teacher_id, occasion,
                    created_at, expires_at, sent_at, answered_at, teacher_rating, course_rating, service_rating)
                select c.id, c.opportunity_id, c.customer_id, c.campus_code,
                       t.ids[1 + floor(bench_u(c.id, 60) * cardinality(t.ids))::int], e.occasion, e.at,
                       e.at + interval '14 days', e.at + interval '1 minute', a.answered,
                       case when a.answered is not null then 5 - floor(bench_u(e.h, 64) ^ 3 * 5)::int end,
                       case when a.answered is not null then 5 - floor(bench_u(e.h, 65) ^ 3 * 5)::int end,
                       case when a.answered is not null then 5 - floor(bench_u(e.h, 66) ^ 3 * 5)::int end
                from bench_param p, contract c join tch t on t.campus_code = c.campus_code
                     cross join lateral (values
                         ('AFTER_THIRD_LESSON', c.issued_at + interval '7 days'
                             + bench_u(c.id, 61) * interval '14 days', c.id * 2),
                         ('CONTRACT_END', c.issued_at + interval '120 days' + bench_u(c.id, 62) * interval '120 days',
                             c.id * 2 + 1)) e(occasion, at, h)
                     cross join lateral (select case when bench_u(e.h, 63) < 0.55 and e.at + interval '3 days' <= p.now
                             then e.at + interval '1 hour' + bench_u(e.h, 67) * interval '70 hours' end as answered) a
                where e.at + interval '1 minute' <= p.now
                  and (e.occasion = 'AFTER_THIRD_LESSON' or bench_u(c.id, 68) < 0.6)""");
        s.put("campaign", """
                insert into campaign (name, name_key, channel, campus_code, starts_on, ends_on, cost, created_by,
                    created_at)
                select '基准活动' || lpad(g::text, 2, '0'), '基准活动' || lpad(g::text, 2, '0'), 'CAMPAIGN',
                       case when g % 5 = 0 then null else (array['BJ-HD', 'BJ-CY', 'SH-PD', 'SH-XH'])[1 + g % 4] end,
                       x.d, x.d + 60, 5000 + g * 700, 'hanmei', p.now
                from bench_param p, generate_series(1, 50) g,
                     lateral (select cast(p.now - interval '730 days' + g * 14 * interval '1 day' as date) as d) x""");
        // targets near what was sold: each campus's and team's monthly revenue ×0.9–1.2, the years of the months
        s.put("sales_target", """
                insert into sales_target (target_key, campus_code, team_id, product_line, period, revenue, orders,
                    set_by, set_at)
                select x.campus_code || '|' || coalesce(x.team_id, '') || '||' || x.period, x.campus_code, x.team_id,
                       null, x.period, round(x.revenue * (0.9 + 0.3 * bench_u(hashtext(x.campus_code
                           || coalesce(x.team_id, '') || x.period), 70))::numeric, -3),
                       ceil(x.orders * 1.05)::int, 'zhouhua', p.now
                from bench_param p, (
                    select o.campus_code, null as team_id, to_char(o.paid_at at time zone 'Asia/Shanghai', 'YYYY-MM')
                           as period, sum(c.final_price) as revenue, count(*) as orders
                    from opportunity o join contract c on c.id = o.id group by 1, 2, 3
                    union all
                    select o.campus_code, o.team_id, to_char(o.paid_at at time zone 'Asia/Shanghai', 'YYYY-MM'),
                           sum(c.final_price), count(*)
                    from opportunity o join contract c on c.id = o.id where o.team_id is not null
                      and o.paid_at >= (select now from bench_param) - interval '400 days' group by 1, 2, 3
                    union all
                    select o.campus_code, null, to_char(o.paid_at at time zone 'Asia/Shanghai', 'YYYY'),
                           sum(c.final_price), count(*)
                    from opportunity o join contract c on c.id = o.id group by 1, 2, 3) x""");
        return s;
    }

    private BoardLoad() {
    }

    /**
     * Loads N opportunities into the schema (application started, demo data in place); prints each statement's rows
     * and time. Returns the total seconds.
     */
    static double load(Connection c, long n, OffsetDateTime now) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("set synchronous_commit = off");
            // the generated rows' expressions are large once bench_u is inlined: JIT spent 12 s compiling them
            s.execute("set jit = off");
            s.execute("set work_mem = '256MB'");
            s.execute("set maintenance_work_mem = '512MB'");
            s.execute("""
                    create or replace function bench_u(i bigint, k int) returns double precision
                    language sql immutable parallel safe as
                    $$ select (hashint8extended(i, k) & 2147483647)::double precision / 2147483648.0 $$""");
            s.execute("drop table if exists bench_param");
            s.execute("create unlogged table bench_param (now timestamp with time zone not null, n bigint not null)");
        }
        try (PreparedStatement p = c.prepareStatement("insert into bench_param values (?, ?)")) {
            p.setObject(1, now);
            p.setLong(2, n);
            p.executeUpdate();
        }
        long all = System.nanoTime();
        System.out.println("== load (" + n + " opportunities, now " + now + ")");
        try (Statement s = c.createStatement()) {
            // funnel_day is rebuilt once after the load (as docs/operations.md says for a bulk load), not counted
            // a row at a time by its trigger
            s.execute("alter table opportunity disable trigger funnel_day_insert_delete");
            s.execute("alter table opportunity disable trigger funnel_day_update");
            // and funnel_month (V46), rebuilt from funnel_day after that
            s.execute("alter table funnel_day disable trigger funnel_month_insert_delete");
            s.execute("alter table funnel_day disable trigger funnel_month_update");
            // and campaign_day (V32): rebuilt once after the money is on the opportunities
            s.execute("alter table opportunity disable trigger campaign_day_insert_delete");
            s.execute("alter table opportunity disable trigger campaign_day_update");
            // and campaign_month (V53), rebuilt from campaign_day after that
            s.execute("alter table campaign_day disable trigger campaign_month_insert_delete");
            s.execute("alter table campaign_day disable trigger campaign_month_update");
            // and assignment_day (V35): rebuilt once after the events are in
            s.execute("alter table assignment_event disable trigger assignment_day_event");
            s.execute("alter table opportunity disable trigger assignment_day_opportunity");
            // and open_pipeline (V42): rebuilt once after the opportunities are in; with no summary written a row
            // at a time, the campus lock taken before each (V49) has nothing to order
            s.execute("alter table opportunity disable trigger a_summary_campus_lock_insert_delete");
            s.execute("alter table opportunity disable trigger a_summary_campus_lock_update");
            s.execute("alter table opportunity disable trigger open_pipeline_insert_delete");
            s.execute("alter table opportunity disable trigger open_pipeline_update");
            // and open_standing (V57) likewise
            s.execute("alter table opportunity disable trigger open_standing_insert_delete");
            s.execute("alter table opportunity disable trigger open_standing_update");
            // and stage_time_month (V63) likewise
            s.execute("alter table opportunity disable trigger stage_time_month_insert_delete");
            s.execute("alter table opportunity disable trigger stage_time_month_update");
            // the money of each sale likewise (V28, V29): set once after the load by V28's statements
            s.execute("alter table payment_order disable trigger user");
            s.execute("alter table refund_payout disable trigger user");
            // and the credit per day (V30, V31): rebuilt once after the load by V30's statement
            s.execute("alter table sales_credit disable trigger user");
            s.execute("alter table sales_credit_reversal disable trigger user");
        }
        for (Map.Entry<String, String> e : statements().entrySet()) {
            long t0 = System.nanoTime();
            int rows;
            try (Statement s = c.createStatement()) {
                rows = s.executeUpdate(e.getValue());
            } catch (Exception ex) {
                throw new IllegalStateException("load of " + e.getKey() + " failed: " + ex.getMessage(), ex);
            }
            System.out.printf(Locale.ROOT, "  %-26s %,12d rows %9.1f s%n", e.getKey(), rows,
                    (System.nanoTime() - t0) / 1e9);
        }
        long t0 = System.nanoTime();
        try (Statement s = c.createStatement()) {
            for (String table : new String[] {"customer", "opportunity", "quote", "contract", "payment_order",
                    "payment", "refund", "renewal", "complaint"}) {
                s.execute("select setval(pg_get_serial_sequence('" + table + "', 'id'), (select max(id) from " + table
                        + "))");
            }
            s.execute("drop table bench_param");
            s.execute("drop function bench_u(bigint, int)");
        }
        System.out.printf(Locale.ROOT, "  %-26s %21.1f s%n", "identity sequences", (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        int summaryRows;
        try (Statement s = c.createStatement()) {
            s.execute("alter table payment_order enable trigger user");
            s.execute("alter table refund_payout enable trigger user");
            List<String> rebuild = funnelDayRebuild();
            // the money first, with funnel_day's triggers still off: the rebuild counts it once
            for (String moneyOnOpportunities : rebuild.subList(0, rebuild.size() - 1)) {
                s.executeUpdate(moneyOnOpportunities);
            }
            s.execute("alter table opportunity enable trigger funnel_day_insert_delete");
            s.execute("alter table opportunity enable trigger funnel_day_update");
            s.execute("truncate funnel_day");
            summaryRows = s.executeUpdate(rebuild.get(rebuild.size() - 1));
        }
        System.out.printf(Locale.ROOT, "  %-26s %,12d rows %9.1f s%n", "money, funnel_day (rebuild)", summaryRows,
                (System.nanoTime() - t0) / 1e9);
        rebuild(c, "funnel_month", funnelMonthRebuild(),
                "alter table funnel_day enable trigger funnel_month_insert_delete",
                "alter table funnel_day enable trigger funnel_month_update");
        rebuild(c, "credit_day", creditDayRebuild(), "alter table sales_credit enable trigger user",
                "alter table sales_credit_reversal enable trigger user");
        rebuild(c, "campaign_day", campaignDayRebuild(),
                "alter table opportunity enable trigger campaign_day_insert_delete",
                "alter table opportunity enable trigger campaign_day_update");
        rebuild(c, "campaign_month", campaignMonthRebuild(),
                "alter table campaign_day enable trigger campaign_month_insert_delete",
                "alter table campaign_day enable trigger campaign_month_update");
        rebuild(c, "assignment_day", assignmentDayRebuild(),
                "alter table assignment_event enable trigger assignment_day_event",
                "alter table opportunity enable trigger assignment_day_opportunity");
        rebuild(c, "open_standing", openStandingRebuild(),
                "alter table opportunity enable trigger open_standing_insert_delete",
                "alter table opportunity enable trigger open_standing_update");
        rebuild(c, "stage_time_month", stageTimeMonthRebuild(),
                "alter table opportunity enable trigger stage_time_month_insert_delete",
                "alter table opportunity enable trigger stage_time_month_update");
        rebuild(c, "open_pipeline", openPipelineRebuild(),
                "alter table opportunity enable trigger open_pipeline_insert_delete",
                "alter table opportunity enable trigger open_pipeline_update",
                "alter table opportunity enable trigger a_summary_campus_lock_insert_delete",
                "alter table opportunity enable trigger a_summary_campus_lock_update");
        t0 = System.nanoTime();
        try (Statement s = c.createStatement()) {
            // VACUUM sets the visibility map (index-only scans), ANALYZE the statistics: what autovacuum does
            // after a load, done now so that the first repetitions do not race it
            s.execute("vacuum analyze");
        }
        System.out.printf(Locale.ROOT, "  %-26s %21.1f s%n", "vacuum analyze", (System.nanoTime() - t0) / 1e9);
        double total = (System.nanoTime() - all) / 1e9;
        System.out.printf(Locale.ROOT, "  %-26s %21.1f s%n", "load total", total);
        return total;
    }

    /** A summary table rebuilt as docs/operations.md says after a bulk load: its triggers on, truncated, refilled. */
    private static void rebuild(Connection c, String table, String fill, String... enableTriggers) throws SQLException {
        long t0 = System.nanoTime();
        int rows;
        try (Statement s = c.createStatement()) {
            for (String enable : enableTriggers) {
                s.execute(enable);
            }
            s.execute("truncate " + table);
            rows = s.executeUpdate(fill);
        }
        System.out.printf(Locale.ROOT, "  %-26s %,12d rows %9.1f s%n", table + " (rebuild)", rows,
                (System.nanoTime() - t0) / 1e9);
    }

    /**
     * V28's rebuild, as docs/operations.md gives it for after a bulk load: the statements that set the money on the
     * opportunities, then the insert … select of funnel_day (last).
     */
    public static List<String> funnelDayRebuild() throws java.io.IOException {
        List<String> statements = new java.util.ArrayList<>();
        for (String statement : statements("V28__sale_value.sql")) {
            if (statement.startsWith("update opportunity") && statement.contains("refunded_value")) {
                // since V65 the refunded value leaves out overpayments paid back (多付款退还): its statement instead
                statements.addAll(statements("V65__overpayment_not_refunded_value.sql"));
            } else if (statement.startsWith("update opportunity")) {
                statements.add(statement);
                // since V82 the contract value is what the orders charge as they stand: its statement after V28's
                statements.addAll(statements("V82__order_value_as_charged.sql").stream()
                        .filter(s -> s.startsWith("update opportunity")).toList());
            } else if (statement.startsWith("insert into funnel_day")) {
                statements.add(statement);
            }
        }
        return statements;
    }

    /** A migration's statements, comments removed. */
    private static List<String> statements(String migration) throws java.io.IOException {
        String text = new String(new org.springframework.core.io.ClassPathResource("db/migration/" + migration)
                .getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return java.util.Arrays.stream(text.replaceAll("(?m)--.*$", "").split(";")).map(String::strip)
                .filter(t -> !t.isEmpty()).toList();
    }

    /** V30's insert … select: the rebuild of credit_day that docs/operations.md gives for after a bulk load. */
    public static String creditDayRebuild() throws java.io.IOException {
        return fill("migration/V30__credit_day.sql", "credit_day");
    }

    /** V34's insert … select: the rebuild of campaign_day that docs/operations.md gives for after a bulk load. */
    public static String campaignDayRebuild() throws java.io.IOException {
        return fill("migration/V34__campaign_day_fill.sql", "campaign_day");
    }

    /** V37's insert … select: the rebuild of assignment_day that docs/operations.md gives for after a bulk load. */
    public static String assignmentDayRebuild() throws java.io.IOException {
        return fill("migration/V37__assignment_day_fill.sql", "assignment_day");
    }

    /** V44's insert … select: the rebuild of open_pipeline that docs/operations.md gives for after a bulk load. */
    public static String openPipelineRebuild() throws java.io.IOException {
        return fill("vendor/postgresql/V44__open_pipeline_fill.sql", "open_pipeline");
    }

    /** V58's insert … select: the rebuild of open_standing that docs/operations.md gives for after a bulk load. */
    public static String openStandingRebuild() throws java.io.IOException {
        return fill("vendor/postgresql/V58__open_standing_fill.sql", "open_standing");
    }

    /** V64's insert … select: the rebuild of stage_time_month that docs/operations.md gives. */
    public static String stageTimeMonthRebuild() throws java.io.IOException {
        return fill("vendor/postgresql/V64__stage_time_month_fill.sql", "stage_time_month");
    }

    /** V48's insert … select: the rebuild of funnel_month that docs/operations.md gives after one of funnel_day. */
    public static String funnelMonthRebuild() throws java.io.IOException {
        return fill("vendor/postgresql/V48__funnel_month_fill.sql", "funnel_month");
    }

    /** V55's insert … select: the rebuild of campaign_month (PostgreSQL) after one of campaign_day. */
    public static String campaignMonthRebuild() throws java.io.IOException {
        return fill("vendor/postgresql/V55__campaign_month_fill.sql", "campaign_month");
    }

    /** The last statement of a migration (under db/), its insert … select into {@code table}. */
    private static String fill(String migrationFile, String table) throws java.io.IOException {
        String migration = new String(new org.springframework.core.io.ClassPathResource(
                "db/" + migrationFile).getInputStream().readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        return migration.substring(migration.indexOf("insert into " + table), migration.lastIndexOf(';'));
    }

    static String url(String schema) {
        String sep = BenchApplication.PG_URL.contains("?") ? "&" : "?";
        return BenchApplication.PG_URL + sep + "currentSchema=" + schema;
    }

    static Connection connect(String schema) throws Exception {
        return DriverManager.getConnection(url(schema), BenchApplication.PG_USER, BenchApplication.PG_PASSWORD);
    }
}
