package com.enrollflow.complaint;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.contract.Contract;
import com.enrollflow.contract.ContractLookup;
import com.enrollflow.customer.Customer;
import com.enrollflow.customer.CustomerRepository;
import com.enrollflow.customer.PhoneNumbers;
import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.opportunity.Opportunity;
import com.enrollflow.opportunity.OpportunityRepository;
import com.enrollflow.notification.NotificationService;
import com.enrollflow.notification.StaffContacts;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.BusinessCalendars;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.refund.Refund;
import com.enrollflow.refund.RefundReason;
import com.enrollflow.refund.Refunds;
import com.enrollflow.teacherchange.TeacherChange;
import com.enrollflow.teacherchange.TeacherChanges;

/**
 * Complaints and service requests (投诉与服务请求): recorded by any staff member for a customer of their campuses,
 * routed by the policy table to a group of the customer's campus, with first-response and resolution limits in that
 * campus's working hours; resolved by the handler, closed after the call back with the customer's satisfaction.
 */
@Service
public class Complaints {

    /** What staff record: the customer (id or phone), category, severity (default 一般) and what happened. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "ComplaintRequest")
    public record Request(Long customerId, String phone, String category, String severity, String description) {
    }

    private final JdbcClient jdbc;
    private final CustomerRepository customers;
    private final PhoneNumbers phones;
    private final OpportunityRepository opportunityRecords;
    private final OpportunityService opportunities;
    private final CampusScope scope;
    private final ComplaintRouting routing;
    private final BusinessCalendars calendars;
    private final ComplaintProcess process;
    private final NotificationService notifications;
    private final StaffContacts staff;
    private final Clock clock;
    private final Refunds refunds;
    private final TeacherChanges teacherChanges;
    private final ContractLookup contracts;

    Complaints(JdbcClient jdbc, CustomerRepository customers, PhoneNumbers phones,
            OpportunityRepository opportunityRecords, OpportunityService opportunities, CampusScope scope,
            ComplaintRouting routing, BusinessCalendars calendars, ComplaintProcess process,
            NotificationService notifications, StaffContacts staff, Refunds refunds, TeacherChanges teacherChanges,
            ContractLookup contracts, Clock clock) {
        this.refunds = refunds;
        this.contracts = contracts;
        this.teacherChanges = teacherChanges;
        this.jdbc = jdbc;
        this.customers = customers;
        this.phones = phones;
        this.opportunityRecords = opportunityRecords;
        this.opportunities = opportunities;
        this.scope = scope;
        this.routing = routing;
        this.calendars = calendars;
        this.process = process;
        this.notifications = notifications;
        this.staff = staff;
        this.clock = clock;
    }

    /**
     * Stores the complaint with its route and due dates and starts its process. 400 naming each bad field; 404 for a
     * customer unknown or of no campus of the caller's (a lead whose campus is not known yet too).
     */
    @Transactional
    public Complaint file(Request r, String by) {
        InputRules rules = new InputRules();
        ComplaintCategory category = rules.code("category", r.category(), ComplaintCategory.class, true);
        ComplaintSeverity severity = rules.code("severity", r.severity(), ComplaintSeverity.class, false);
        String description = rules.required("description", r.description(), 2000);
        Customer customer = customer(r, rules);
        rules.throwIfAny();
        Opportunity o = opportunityRecords.findByCustomer(customer.id()).stream()
                .filter(x -> x.campusCode() != null && scope.current().seesCampus(x.campusCode()))
                .max(Comparator.comparing(Opportunity::id))
                // a lead the call centre holds (no campus yet) is as unknown here as a phone nobody has: an answer
                // of its own would tell a campus's staff who has enquired elsewhere
                .orElseThrow(() -> unknownCustomer(r.customerId() == null ? customer.phone() : null));
        if (r.customerId() != null && r.phone() != null && !r.phone().isBlank()
                && !phones.normalise(r.phone()).map(customer.phone()::equals).orElse(false)) {
            // both given and not the same family (a customer of the caller's campus): which was meant is not ours
            throw new InvalidInputException("phone", "与客户编号 " + customer.id() + " 的手机号不一致；只填其一即可");
        }
        ComplaintSeverity level = severity == null ? ComplaintSeverity.NORMAL : severity;
        ComplaintRouting.Route route = routing.route(category, level);
        OffsetDateTime now = OffsetDateTime.now(clock);
        // two submissions of one complaint (a double click, a retried request) queue here: the second sees the first
        jdbc.sql("select id from customer where id = ? for update").param(customer.id()).query(Long.class).single();
        Optional<String> twice = jdbc.sql("select complaint_no from complaint where customer_id = ? and created_by = ? "
                + "and category = ? and description = ? and created_at > ? order by id desc")
                .params(customer.id(), by, category.name(), description, now.minusSeconds(DOUBLE_SUBMIT_SECONDS))
                .query(String.class).list().stream().findFirst();
        if (twice.isPresent()) {
            throw new ConflictException(409, "您刚刚已登记了同一条投诉（" + twice.get() + "），本次未重复登记；"
                    + "如确是客户的另一次投诉，请补充说明后再提交");
        }
        var calendar = calendars.of(o.campusCode());
        OffsetDateTime responseDue = calendar.plusWorkingTime(now, hours(route.responseHours()));
        OffsetDateTime resolutionDue = calendar.plusWorkingTime(now, hours(route.resolutionHours()));
        Warnings warnings = new Warnings(calendar.plusWorkingTime(now, hours(route.responseHours() * WARN_SHARE)),
                calendar.plusWorkingTime(now, hours(route.resolutionHours() * WARN_SHARE)));
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into complaint (complaint_no, customer_id, opportunity_id, campus_code, category, severity, "
                + "description, handler_group, status, response_due, resolution_due, created_by, created_at) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?)")
                .params("N" + Long.toString(System.nanoTime(), 36), customer.id(), o.id(), o.campusCode(),
                        category.name(), level.name(), description, route.handlerGroup(), responseDue, resolutionDue,
                        by, now)
                .update(keys, "id");
        long id = keys.getKey().longValue();
        jdbc.sql("update complaint set complaint_no = ? where id = ?").params(Complaint.number(id), id).update();
        Complaint c = get(id);
        opportunities.note(o.id(), TimelineEvent.COMPLAINT_FILED, by, c.complaintNo() + "，" + category.label() + "，"
                + level.label() + "：" + description);
        process.start(c, route.escalationGroup(), warnings);
        return c;
    }

    /** The handler's result: what was done. The first response counts from here if none was noted before. */
    @Transactional
    public Complaint resolve(long id, String resolution, String by) {
        InputRules rules = new InputRules();
        String text = rules.required("resolution", resolution, 2000);
        rules.throwIfAny();
        OffsetDateTime now = OffsetDateTime.now(clock);
        int changed = jdbc.sql("update complaint set status = 'RESOLVED', resolution = ?, resolved_at = ?, "
                + "responded_at = coalesce(responded_at, ?) where id = ? and status = 'OPEN'")
                .params(text, now, now, id).update();
        if (changed == 0) {
            throw new ConflictException(409, "投诉 " + get(id).complaintNo() + " 已处理");
        }
        Complaint c = get(id);
        noteOn(c, TimelineEvent.COMPLAINT_RESOLVED, by, text);
        return c;
    }

    /**
     * 投诉引发退费: the family asks for its money back because of the complaint. The handler's refund request, on the
     * contract named (or the customer's only contract in force, found by their phone), with the reason the complaint's
     * category suggests; the same checks as any refund request (campus, one open refund, contract in force). Refused
     * by field or with its reason; the caller's transaction stores nothing then.
     */
    @Transactional
    public Refund askRefund(long id, String contractTyped, String by) {
        Complaint c = get(id);
        String typed = complainersContract(c, contractTyped);
        RefundReason reason = switch (c.category()) {
            case TEACHING -> RefundReason.TEACHING;
            case SCHEDULING -> RefundReason.SCHEDULE;
            default -> RefundReason.OTHER;
        };
        Refund refund = refunds.request(new Refunds.Request(null, typed, reason.name(), "投诉 " + c.complaintNo() + "（"
                + c.categoryLabel() + "）引发的退费申请：" + InputRules.abbreviate(c.description())), by);
        noteOn(c, TimelineEvent.COMPLAINT_RESOLVED, by, "由投诉发起退费申请 " + refund.refundNo());
        return refund;
    }

    /**
     * 投诉引发更换教师: the family wants another teacher because of the complaint. Started in the handler's name on the
     * contract named (or the customer's only contract in force, found by their phone), the complaint's number and
     * description as the reason; the same checks as any teacher change (campus, contract in force, no refund,
     * suspension, transfer or change running, lessons left). Refused by field ({@code contract}) or with its reason;
     * the caller's transaction stores nothing then.
     */
    @Transactional
    public TeacherChange askTeacherChange(long id, String contractTyped, String by) {
        Complaint c = get(id);
        String typed = complainersContract(c, contractTyped);
        TeacherChange change = teacherChanges.request(typed, new TeacherChanges.Request("投诉 " + c.complaintNo() + "（"
                + c.categoryLabel() + "）：" + InputRules.abbreviate(c.description())), id, by);
        noteOn(c, TimelineEvent.COMPLAINT_RESOLVED, by, "由投诉发起更换教师 " + change.teacherChangeNo());
        return change;
    }

    /**
     * The contract a follow-up of the complaint runs on, as the refund or teacher change takes it: the one typed (its
     * number or a phone) when it is the complaining customer's, else, nothing typed, the customer's own phone (their
     * only contract in force). Another family's contract is refused under the field {@code contract}: a typo must
     * not start a refund or release the lessons of a family that never complained.
     */
    private String complainersContract(Complaint c, String typed) {
        Customer complainer = customers.findById(c.customerId()).orElseThrow();
        if (typed == null || typed.isBlank()) {
            return complainer.phone();
        }
        InputRules rules = new InputRules();
        Contract contract = contracts.visible(null, typed, rules);
        rules.throwIfAny();
        if (contract.customerId() != complainer.id()) {
            throw new InvalidInputException("contract", "合同 " + contract.number() + " 不是投诉客户"
                    + complainer.name() + "的合同；请填写该客户的合同编号或家长手机号，客户只有一份有效合同时可不填");
        }
        return contract.number();
    }

    /** 回访: the customer was called back; reached, their satisfaction (1–5) closes the complaint. */
    @Transactional
    public Complaint callBack(long id, String outcome, Integer satisfaction, String by) {
        InputRules rules = new InputRules();
        if (!"REACHED".equals(outcome) && !"NOT_REACHED".equals(outcome)) {
            rules.problem("callbackOutcome", "必填，可选值：已联系上（REACHED）、联系不上（NOT_REACHED）");
        } else if ("REACHED".equals(outcome) && (satisfaction == null || satisfaction < 1 || satisfaction > 5)) {
            rules.problem("satisfaction", "联系上客户时必填，1–5 分");
        }
        rules.throwIfAny();
        int changed = jdbc.sql("update complaint set status = 'CLOSED', callback_outcome = ?, satisfaction = ?, "
                + "closed_at = ? where id = ? and status = 'RESOLVED'")
                .params(outcome, "REACHED".equals(outcome) ? satisfaction : null, OffsetDateTime.now(clock), id)
                .update();
        if (changed == 0) {
            throw new ConflictException(409, "投诉 " + get(id).complaintNo() + " 不在待回访状态");
        }
        Complaint c = get(id);
        noteOn(c, TimelineEvent.COMPLAINT_CLOSED, by, "REACHED".equals(outcome) ? "回访满意度 " + satisfaction + " 分"
                : "回访未联系上客户");
        return c;
    }

    /** When each limit is near: after {@value #WARN_SHARE} of its working time the handlers are reminded. */
    public record Warnings(OffsetDateTime response, OffsetDateTime resolution) {
    }

    static final double WARN_SHARE = 0.75;

    /** The same complaint filed again by the same person within this many seconds is a double submission. */
    static final int DOUBLE_SUBMIT_SECONDS = 120;

    /**
     * 即将超时: the handling group of the complaint's campus gets a mail before a limit passes (once per limit and
     * person, whatever reruns); nothing if the complaint was resolved meanwhile.
     */
    public void remind(long id, boolean resolution, String campusTenantId) {
        Complaint c = get(id);
        if (!"OPEN".equals(c.status())) {
            return;
        }
        String which = resolution ? "解决" : "首次响应";
        OffsetDateTime due = resolution ? c.resolutionDue() : c.responseDue();
        for (StaffContacts.Contact handler : staff.ofRoleAtCampus(c.handlerGroup(), campusTenantId)) {
            notifications.enqueue(c.opportunityId(), "complaint-warn:" + c.complaintNo() + ":" + which + ":"
                    + handler.userId(), "COMPLAINT_DUE_SOON", handler.email(), "【即将超时】投诉 " + c.complaintNo()
                            + " 的" + which + "期限", handler.name() + "，您好：\n\n投诉 " + c.complaintNo() + "（"
                            + c.categoryLabel() + "，" + c.severityLabel() + "）的" + which + "期限是 "
                            + BusinessTime.shown(due) + "，仍未处理。超过期限将升级督办。\n\n" + c.description()
                            + "\n\n请登录 Tasklist 处理“处理投诉”任务。\n\nEnrollFlow");
        }
    }

    /** 督办: what the supervisor or director who got the escalation did, on the customer's timeline. */
    public void noteEscalation(long id, String by, String note) {
        noteOn(get(id), TimelineEvent.COMPLAINT_ESCALATED, by, note);
    }

    @Transactional(readOnly = true)
    public Complaint get(long id) {
        return jdbc.sql("select id, complaint_no, customer_id, opportunity_id, campus_code, category, severity, "
                + "description, handler_group, status, response_due, resolution_due, responded_at, resolved_at, "
                + "resolution, callback_outcome, satisfaction, created_by, created_at, closed_at from complaint "
                + "where id = ?").param(id).query((rs, n) -> new Complaint(rs.getLong("id"),
                        rs.getString("complaint_no"), rs.getLong("customer_id"),
                        rs.getObject("opportunity_id", Long.class), rs.getString("campus_code"),
                        ComplaintCategory.valueOf(rs.getString("category")),
                        ComplaintSeverity.valueOf(rs.getString("severity")), rs.getString("description"),
                        rs.getString("handler_group"), rs.getString("status"),
                        rs.getObject("response_due", OffsetDateTime.class),
                        rs.getObject("resolution_due", OffsetDateTime.class),
                        rs.getObject("responded_at", OffsetDateTime.class),
                        rs.getObject("resolved_at", OffsetDateTime.class), rs.getString("resolution"),
                        rs.getString("callback_outcome"), rs.getObject("satisfaction", Integer.class),
                        rs.getString("created_by"), rs.getObject("created_at", OffsetDateTime.class),
                        rs.getObject("closed_at", OffsetDateTime.class))).optional()
                .orElseThrow(() -> new NotFoundException("投诉不存在：" + id));
    }

    /** By its number (TS000012) or id, of the caller's campuses; else 404. */
    @Transactional(readOnly = true)
    public Complaint visible(String idOrNumber) {
        String key = idOrNumber == null ? "" : idOrNumber.strip().toUpperCase();
        Optional<Long> id = key.matches("\\d{1,18}") ? Optional.of(Long.parseLong(key))
                : jdbc.sql("select id from complaint where complaint_no = ?").param(key).query(Long.class).optional();
        return id.flatMap(i -> jdbc.sql("select count(*) from complaint where id = ?").param(i).query(Integer.class)
                .single() == 1 ? Optional.of(get(i)) : Optional.empty())
                .filter(c -> scope.current().seesCampus(c.campusCode()))
                .orElseThrow(() -> new NotFoundException("您负责的校区中没有投诉 " + idOrNumber));
    }

    private void noteOn(Complaint c, TimelineEvent event, String by, String detail) {
        if (c.opportunityId() != null) {
            opportunities.note(c.opportunityId(), event, by, c.complaintNo() + "：" + detail);
        }
    }

    private Customer customer(Request r, InputRules rules) {
        if (r.customerId() != null) {
            return customers.findById(r.customerId())
                    .orElseThrow(() -> new NotFoundException("您负责的校区中没有这位客户"));
        }
        if (r.phone() == null || r.phone().isBlank()) {
            rules.problem("customerId", "必填：客户编号（customerId）或客户手机号（phone）");
            return null;
        }
        Optional<String> e164 = phones.normalise(r.phone());
        if (e164.isEmpty()) {
            rules.problem("phone", "不是有效的手机号");
            return null;
        }
        return customers.findByPhone(e164.get()).orElseThrow(() -> unknownCustomer(e164.get()));
    }

    /** A customer of none of the caller's campuses: by the phone staff typed (E.164), when they named it by phone. */
    private NotFoundException unknownCustomer(String e164) {
        return new NotFoundException((e164 == null ? "您负责的校区中没有这位客户"
                : "您负责的校区中没有手机号 " + phones.display(e164) + " 的客户") + "（尚未确定校区的新咨询由呼叫中心跟进）");
    }

    private static Duration hours(double h) {
        return Duration.ofMinutes(Math.round(h * 60));
    }
}
