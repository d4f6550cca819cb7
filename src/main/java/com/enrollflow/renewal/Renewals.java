package com.enrollflow.renewal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.assignment.StaffDirectory;
import com.enrollflow.assignment.AssignmentService;
import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.contract.Contract;
import com.enrollflow.contract.ContractLookup;
import com.enrollflow.contract.ContractService;
import com.enrollflow.contract.ContractStatus;
import com.enrollflow.contract.ContractWork;
import com.enrollflow.contract.ContractWorks;
import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.notification.NotificationService;
import com.enrollflow.opportunity.FamilyContact;
import com.enrollflow.opportunity.Families;
import com.enrollflow.opportunity.FunnelStage;
import com.enrollflow.opportunity.IntentSummary;
import com.enrollflow.opportunity.Opportunity;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.opportunity.OpportunityStatus;
import com.enrollflow.reference.Grade;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.scheduling.PreferredTimes;
import com.enrollflow.scheduling.ProposalText;
import com.enrollflow.scheduling.SchedulingService;
import com.enrollflow.scheduling.Teacher;
import com.enrollflow.scheduling.TeacherRepository;
import com.enrollflow.teaching.HoursLedger;

/**
 * 续费. A renewal starts once per contract when its lessons left reach the policy's line (after the lesson's mark has
 * committed), or when staff start it because the family asks; either way it is a renewal of its own opportunity, owned
 * by the family's consultant, or by the campus's customer service when that consultant has left. The conversation's
 * outcome is recorded here, and the prepaid-fee regulation is checked before anything is priced: a renewal fee is not
 * collected while more than the regulation's lessons remain, nor more than its months before the new lessons start.
 */
@Service
public class Renewals {

    private static final Logger log = LoggerFactory.getLogger(Renewals.class);

    /** The consultants' group; the renewal of a family whose consultant left waits in customer service's. */
    static final String CONSULTANT = "consultant";
    static final String CUSTOMER_SERVICE = "customerService";
    /** How far ahead a "not now" may be put off. */
    static final int MAX_POSTPONE_DAYS = 180;

    /**
     * What the family said in 续费沟通. Dates as staff enter them (ISO); {@code grade} the student's grade now (a
     * {@link Grade} code), which a renewal is priced at.
     */
    public record Talk(String outcome, String followUpOn, String declineReason, String newLessonsFrom, String grade,
            String note) {
    }

    private static final String COLUMNS = "r.id, r.renewal_no, r.contract_id, c.number as contract_no, "
            + "r.opportunity_id, o.renewal_of_id, r.customer_id, r.campus_code, r.product_line, r.owner_user, "
            + "r.consultant_id, r.teacher_id, r.trigger_kind, r.remaining_at_start, r.status, r.follow_up_on, "
            + "r.decline_reason, r.new_lessons_from, r.new_contract_id, r.note, r.created_by, r.created_at, "
            + "r.decided_by, r.decided_at";
    private static final String FROM = " from renewal r join contract c on c.id = r.contract_id "
            + "join opportunity o on o.id = r.opportunity_id";

    private static final RowMapper<Renewal> ROWS = (rs, n) -> {
        RenewalTrigger trigger = RenewalTrigger.valueOf(rs.getString("trigger_kind"));
        RenewalStatus status = RenewalStatus.valueOf(rs.getString("status"));
        return new Renewal(rs.getLong("id"), rs.getString("renewal_no"), rs.getLong("contract_id"),
                rs.getString("contract_no"), rs.getLong("opportunity_id"), rs.getLong("renewal_of_id"),
                rs.getLong("customer_id"), rs.getString("campus_code"), rs.getString("product_line"),
                rs.getString("owner_user"), rs.getString("consultant_id"), rs.getString("teacher_id"), trigger,
                trigger.label(), rs.getInt("remaining_at_start"), status, status.label(),
                rs.getObject("follow_up_on", LocalDate.class), rs.getString("decline_reason"),
                rs.getObject("new_lessons_from", LocalDate.class), rs.getObject("new_contract_id", Long.class),
                rs.getString("note"), rs.getString("created_by"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getString("decided_by"), rs.getObject("decided_at", OffsetDateTime.class));
    };

    private final JdbcClient jdbc;
    private final ContractService contracts;
    private final ContractLookup lookup;
    private final HoursLedger ledger;
    private final OpportunityService opportunities;
    private final StaffDirectory staff;
    private final CampusScope scope;
    private final Families families;
    private final NotificationService notifications;
    private final RenewalPolicy policy;
    private final RenewalProcess process;
    private final Clock clock;
    private final ContractWorks works;
    private final AssignmentService assignments;
    private final TeacherRepository teachers;
    private final SchedulingService scheduling;

    Renewals(JdbcClient jdbc, ContractService contracts, ContractLookup lookup, HoursLedger ledger,
            OpportunityService opportunities, StaffDirectory staff, CampusScope scope, Families families,
            NotificationService notifications, RenewalPolicy policy, RenewalProcess process, Clock clock,
            ContractWorks works, AssignmentService assignments, TeacherRepository teachers,
            SchedulingService scheduling) {
        this.scheduling = scheduling;
        this.teachers = teachers;
        this.works = works;
        this.assignments = assignments;
        this.jdbc = jdbc;
        this.contracts = contracts;
        this.lookup = lookup;
        this.ledger = ledger;
        this.opportunities = opportunities;
        this.staff = staff;
        this.scope = scope;
        this.families = families;
        this.notifications = notifications;
        this.policy = policy;
        this.process = process;
        this.clock = clock;
    }

    /**
     * Starts the contract's automatic renewal if its lessons left reached the line and it has none yet: after each
     * lesson consumed, 1:1 or at a class roll call (课消后续跟进, after the mark has committed; decision 727).
     */
    @Transactional
    public Optional<Renewal> remindIfDue(long contractId) {
        Contract c = contracts.lock(contractId);
        if (!c.inForce()
                || works.blocking(c, "续费", ContractWork.Kind.REFUND, ContractWork.Kind.TRANSFER).isPresent()
                || jdbc.sql("select count(*) from renewal where auto_contract_id = ? or open_contract_id = ? "
                        + "or (contract_id = ? and status = 'RENEWED')").params(contractId, contractId, contractId)
                        .query(Integer.class).single() > 0) {
            return Optional.empty();
        }
        Opportunity previous = opportunities.get(c.opportunityId());
        int remaining = remaining(contractId);
        if (remaining > policy.forLine(previous.productLine()).remindAtRemaining()) {
            return Optional.empty();
        }
        return Optional.of(open(c, previous, RenewalTrigger.HOURS_LOW, remaining, null, "system"));
    }

    /**
     * Staff start a renewal because the family asks (POST /api/contracts/{id}/renewals). 404 for a contract outside
     * the caller's campuses; 409 for one not in force, being refunded or transferred, or with a renewal under way.
     */
    @Transactional
    public Renewal request(long contractId, String note, String by) {
        InputRules rules = new InputRules();
        String text = rules.plainText("note", note, 500, false);
        rules.throwIfAny();
        Contract asked = lookup.visible(contractId);
        return request(asked, text, by);
    }

    /**
     * The same for the Tasklist start form 发起续费, the contract as staff type it: its number or the family's phone
     * ({@link ContractLookup}); an unknown or another campus's contract is a problem of the field {@code contract}.
     */
    @Transactional
    public Renewal request(String contract, String note, String by) {
        InputRules rules = new InputRules();
        String text = rules.plainText("note", note, 500, false);
        Contract asked = lookup.typed(contract, rules);
        rules.throwIfAny();
        return request(asked, text, by);
    }

    private Renewal request(Contract asked, String text, String by) {
        Contract c = contracts.lock(asked.id());
        c.refuseUnlessInForce("续费");
        works.refuseWhileRunning(c, "续费", ContractWork.Kind.REFUND, ContractWork.Kind.TRANSFER);
        openOn(c.id()).ifPresent(r -> {
            throw new ConflictException(409, "合同 " + c.number() + " 已有进行中的续费 " + r.renewalNo() + "（"
                    + r.statusLabel() + "）");
        });
        renewedAs(c.id()).ifPresent(done -> {
            throw new ConflictException(409, "合同 " + c.number() + " 已续费（" + done + "），请在新合同上续费");
        });
        return open(c, opportunities.get(c.opportunityId()), RenewalTrigger.REQUESTED, remaining(c.id()), text, by);
    }

    private Renewal open(Contract c, Opportunity previous, RenewalTrigger trigger, int remaining, String note,
            String by) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String consultant = previous.ownerUser();
        // a consultant who left, or went on leave, in every team of the campus has handed their families over
        boolean consultantStayed = consultant != null && staff.isMember(consultant, CONSULTANT)
                && staff.campusStaff(c.campusCode()).contains(consultant)
                && !assignments.leftCampus(c.campusCode(), consultant);
        String owner = consultantStayed ? consultant : null;
        long opportunityId = opportunities.openRenewal(previous.id(), owner, owner == null ? CUSTOMER_SERVICE
                : CONSULTANT, by);
        KeyHolder keys = new GeneratedKeyHolder();
        try {
            jdbc.sql("insert into renewal (renewal_no, contract_id, open_contract_id, auto_contract_id, "
                    + "opportunity_id, customer_id, campus_code, product_line, owner_user, consultant_id, teacher_id, "
                    + "trigger_kind, remaining_at_start, status, new_lessons_from, note, created_by, created_at) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?)")
                    .params("N" + c.id() + "-" + opportunityId, c.id(), c.id(),
                            trigger == RenewalTrigger.HOURS_LOW ? c.id() : null, opportunityId, c.customerId(),
                            c.campusCode(), previous.productLine(), owner, consultant,
                            teacherNow(c.id(), previous.id()), trigger.name(), remaining,
                            firstNewLessonDay(previous.id()), note, by, now)
                    .update(keys, "id");
        } catch (DuplicateKeyException race) {
            throw new ConflictException(409, "合同 " + c.number() + " 已有进行中的续费");
        }
        long id = keys.getKey().longValue();
        jdbc.sql("update renewal set renewal_no = ? where id = ?").params(Renewal.number(id), id).update();
        Renewal r = get(id);
        String text = r.renewalNo() + "：" + trigger.label() + "，合同 " + c.number() + " 剩余 " + remaining + " 课时；"
                + (owner == null ? "原课程顾问已离开，由本校区客服跟进" : "由课程顾问 " + staff.displayName(owner) + " 跟进");
        opportunities.note(previous.id(), TimelineEvent.RENEWAL_STARTED, by, text);
        opportunities.note(opportunityId, TimelineEvent.RENEWAL_STARTED, by, text);
        process.start(r);
        log.info("renewal {} ({}) started for contract {}", r.renewalNo(), trigger, c.number());
        return r;
    }

    /**
     * The outcome of 续费沟通: RENEW (the prepaid-fee regulation checked: refused with the reason and the earliest day
     * it may be collected), LATER with a follow-up day, or DECLINE with a reason. Refusals name the form's fields
     * ({@code renewalOutcome}, {@code followUpOn}, {@code newLessonsFrom}, {@code declineReason}); nothing is stored
     * then.
     */
    @Transactional
    public Renewal talked(long id, Talk talk, String by) {
        Renewal r = get(id);
        InputRules rules = new InputRules();
        RenewalOutcome outcome = rules.code("renewalOutcome", talk.outcome(), RenewalOutcome.class, true);
        String note = rules.plainText("renewalNote", talk.note(), 500, false);
        LocalDate today = LocalDate.now(clock.withZone(BusinessTime.ZONE));
        rules.throwIfAny();
        if (!r.status().open()) {
            throw new ConflictException(409, "续费 " + r.renewalNo() + " 已是“" + r.statusLabel() + "”");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        switch (outcome) {
            case LATER -> {
                LocalDate followUp = date(rules, "followUpOn", talk.followUpOn(), true);
                if (followUp != null && !followUp.isAfter(today)) {
                    rules.problem("followUpOn", "跟进日期须在今天之后");
                } else if (followUp != null && followUp.isAfter(today.plusDays(MAX_POSTPONE_DAYS))) {
                    rules.problem("followUpOn", "跟进日期最多约在 " + MAX_POSTPONE_DAYS + " 天以内（" + today
                            .plusDays(MAX_POSTPONE_DAYS) + " 之前）");
                }
                rules.throwIfAny();
                jdbc.sql("update renewal set status = 'POSTPONED', follow_up_on = ?, note = coalesce(?, note), "
                        + "owner_user = coalesce(owner_user, ?) where id = ?").params(followUp, note, by, id).update();
                opportunities.note(r.opportunityId(), TimelineEvent.RENEWAL_POSTPONED, by, r.renewalNo()
                        + "：暂不续费，约 " + followUp + " 再联系" + (note == null ? "" : "（" + note + "）"));
            }
            case DECLINE -> {
                String reason = rules.plainText("declineReason", talk.declineReason(), 500, true);
                rules.throwIfAny();
                decline(r, reason, by, now);
            }
            case RENEW -> {
                LocalDate from = date(rules, "newLessonsFrom", talk.newLessonsFrom(), true);
                if (from != null && !from.isAfter(today)) {
                    rules.problem("newLessonsFrom", "新课最早从明天开始");
                }
                // the first enquiry's grade may be a school year old: the renewal is priced at today's
                Grade grade = rules.code("grade", talk.grade(), Grade.class, true);
                Contract contract = contracts.find(r.contractId()).orElseThrow();
                // a student never goes down a grade, and a lower grade is a cheaper price nobody approved
                soldAt(contract).filter(sold -> grade != null && grade.ordinal() < sold.ordinal())
                        .ifPresent(sold -> rules.problem("grade", "不能低于合同 " + contract.number() + " 签约时的年级（"
                                + sold.label() + "）：续费按学员现在的年级定价"));
                String contractStatus = contract.status();
                // asked for after the talk began: as request() refuses them
                Optional<String> refunding = works.blocking(contract, "续费", ContractWork.Kind.REFUND);
                Optional<String> transferring = works.blocking(contract, "续费", ContractWork.Kind.TRANSFER);
                if (refunding.isPresent()) {
                    rules.problem("renewalOutcome", refunding.get() + "；可选暂不续费或不续费");
                } else if (!ContractStatus.ISSUED.name().equals(contractStatus)) { // refunded (or cancelled) meanwhile
                    rules.problem("renewalOutcome", "合同 " + r.contractNo() + " 的状态是"
                            + ContractStatus.valueOf(contractStatus).label() + "，不能续费；请选择不续费");
                } else if (transferring.isPresent()) {
                    rules.problem("renewalOutcome", transferring.get() + "；可选暂不续费");
                }
                rules.throwIfAny();
                collectable(r, from, today, rules);
                rules.throwIfAny();
                jdbc.sql("update renewal set status = 'OPEN', new_lessons_from = ?, follow_up_on = null, "
                        + "note = coalesce(?, note), owner_user = coalesce(owner_user, ?) where id = ?")
                        .params(from, note, by, id).update();
                opportunities.takeRenewal(r.opportunityId(), by, grade);
                opportunities.note(r.opportunityId(), TimelineEvent.RENEWAL_AGREED, by, r.renewalNo()
                        + "：家长同意续费，新课 " + from + " 开始，学员现在" + grade.label()
                        + (note == null ? "" : "（" + note + "）"));
            }
            default -> throw new IllegalStateException(outcome.name());
        }
        return get(id);
    }

    /**
     * 预收费监管: a renewal fee may be collected only while at most the regulation's lessons remain on the contract and
     * at most its months before the new lessons start. A refusal says why and from when it will be possible.
     */
    private void collectable(Renewal r, LocalDate newLessonsFrom, LocalDate today, InputRules rules) {
        RenewalPolicy.Rules bound = policy.forLine(r.productLine());
        int remaining = remaining(r.contractId());
        if (remaining > bound.maxRemainingToCollect()) {
            rules.problem("renewalOutcome", "按预收费监管规定，剩余课时多于 " + bound.maxRemainingToCollect()
                    + " 课时时不得收取续费：合同 " + r.contractNo() + " 还剩 " + remaining + " 课时。请选择“暂不续费”，"
                    + "约在剩余课时降到 " + bound.maxRemainingToCollect() + " 课时以内时再联系");
        }
        LocalDate earliest = newLessonsFrom.minusMonths(bound.maxMonthsAhead());
        if (today.isBefore(earliest)) {
            rules.problem("newLessonsFrom", "按预收费监管规定，最多在新课开始前 " + bound.maxMonthsAhead()
                    + " 个月收费：新课 " + newLessonsFrom + " 开始，最早可于 " + earliest + " 收费。请选择“暂不续费”并约在该日跟进，"
                    + "或把新课开始日期提前");
        }
    }

    /** The plan was given up (制定续费方案 → 客户流失): the renewal is declined with the consultant's reason. */
    @Transactional
    public Renewal planGivenUp(long id, String reason, String by) {
        Renewal r = get(id);
        if (r.status().open()) {
            decline(r, reason == null || reason.isBlank() ? "制定方案时家长放弃续费" : reason, by, OffsetDateTime.now(clock));
        }
        return get(id);
    }

    private void decline(Renewal r, String reason, String by, OffsetDateTime now) {
        jdbc.sql("update renewal set status = 'DECLINED', decline_reason = ?, open_contract_id = null, "
                + "decided_by = ?, decided_at = ?, owner_user = coalesce(owner_user, ?) where id = ?")
                .params(reason, by, now, by, r.id()).update();
        opportunities.close(r.opportunityId(), OpportunityStatus.LOST, "不续费：" + reason, by);
        opportunities.note(r.previousOpportunityId(), TimelineEvent.RENEWAL_DECLINED, by, r.renewalNo() + "：不续费："
                + reason);
    }

    /**
     * 记为已续费: the renewal's contract is paid (its first payment, as the funnel counts a first sale 成单缴费 at its
     * payment): the renewal is 已续费 with its contract, its opportunity won, and both timelines say so — from then on
     * the renewal report counts it renewed, while academic affairs may still be confirming the new lessons.
     * Repeatable: only an open renewal changes.
     */
    @Transactional
    public Renewal recordRenewed(long id, String by) {
        Renewal r = get(id);
        if (r.status().open()) {
            Contract contract = contracts.forOpportunity(r.opportunityId()).stream().filter(Contract::inForce)
                    .reduce((x, y) -> y).orElseThrow(() -> new IllegalStateException("renewal " + r.renewalNo()
                            + " has no contract in force"));
            OffsetDateTime now = OffsetDateTime.now(clock);
            jdbc.sql("update renewal set status = 'RENEWED', new_contract_id = ?, open_contract_id = null, "
                    + "decided_by = ?, decided_at = ? where id = ?").params(contract.id(), by, now, id).update();
            opportunities.reachStage(r.opportunityId(), FunnelStage.ENROLLED, TimelineEvent.RENEWED, by,
                    r.renewalNo() + "：续费合同 " + contract.number());
            opportunities.close(r.opportunityId(), OpportunityStatus.WON, "续费完成", by);
            opportunities.note(r.previousOpportunityId(), TimelineEvent.RENEWED, by, r.renewalNo() + "：已续费，合同 "
                    + contract.number());
        }
        return get(id);
    }

    /**
     * 通知家长续费成功: the renewal's lessons are scheduled (or it is a class renewal): the family gets a confirmation.
     * Records the renewal first when it is still open (an instance of a process version without 记为已续费).
     * Repeatable: the mail goes once.
     */
    @Transactional
    public Renewal renewed(long id, String by) {
        // recorded now if it was still open: 已续费 with its contract
        Renewal r = recordRenewed(id, by);
        Contract contract = contracts.find(r.renewedContractId()).orElseThrow();
        FamilyContact f = families.of(r.opportunityId());
        // the lessons as confirmed, as the first sale's confirmation lists them (a class renewal follows its class)
        String schedule = scheduling.forOpportunity(r.opportunityId()).filter(p -> "CONFIRMED".equals(p.status()))
                .map(ProposalText::summary).orElse(null);
        String from = r.newLessonsFrom() == null ? "" : "自 " + PreferredTimes.shown(r.newLessonsFrom()) + "起";
        notifications.enqueue(r.opportunityId(), "renewed:" + r.id(), "RENEWAL_CONFIRMATION", f.email(),
                "【" + f.campusName() + "】续费成功确认",
                f.name() + "，您好：\n\n感谢您继续选择" + f.campusName() + "。续费合同 " + contract.number() + " 已生效。\n"
                        // the lessons say when they begin: after the old course's, which may run past the day agreed
                        + (schedule == null ? "新课程" + from + "按班级课表进行。" : "新课程的上课安排：\n" + schedule
                                + (r.teacherId() == null ? "" : "\n我们已尽量安排原来的老师继续授课。"))
                        + "\n\n如有疑问请联系您的课程顾问或客服。\n");
        return get(id);
    }

    /**
     * The contract being renewed ended (退费 settled: 部分退费 or 已退费): a renewal still being talked about (续费沟通中,
     * 暂不续费) ends as 不续费 with {@code why}, and its process with it (原合同已退费), so that nobody calls a family
     * about renewing lessons it took its money back for. One the family already agreed to is left to its consultant
     * (a refund is refused while one runs). Nothing while the contract is in force, or without an open renewal;
     * repeatable.
     */
    @Transactional
    public Optional<Renewal> contractEnded(long contractId, String why, String by) {
        Contract contract = contracts.find(contractId).orElseThrow();
        Optional<Renewal> open = openOn(contractId);
        if (contract.inForce() || open.isEmpty()
                || works.blocking(contract, "结束续费", ContractWork.Kind.AGREED_RENEWAL).isPresent()) {
            return Optional.empty();
        }
        decline(open.get(), why, by, OffsetDateTime.now(clock));
        process.contractEnded(open.get());
        return Optional.of(get(open.get().id()));
    }

    /** The renewal's contract was cancelled at payment (合同作废): the renewal ends without a sale. */
    @Transactional
    public Renewal cancelled(long id, String by) {
        Renewal r = get(id);
        if (r.status().open()) {
            jdbc.sql("update renewal set status = 'CANCELLED', open_contract_id = null, decided_by = ?, "
                    + "decided_at = ? where id = ?").params(by, OffsetDateTime.now(clock), id).update();
            opportunities.note(r.previousOpportunityId(), TimelineEvent.RENEWAL_DECLINED, by, r.renewalNo()
                    + "：续费合同已作废");
        }
        return get(id);
    }

    /**
     * What 制定续费方案 is made from, as the consultant reads it above the plan: the renewal and the contract it renews
     * with the lessons left now, the day the new lessons start and the teacher they continue with, the student as
     * recorded at the talk (grade, subject and goal), and what the family said:
     * <pre>
     * 续费 XF000012：原合同 BJ-HD-2026-00001，还剩 5 课时
     * 新课 2026-12-09（周三）起，优先原来的老师 郑凯
     * 学员：初二 · 数学
     * 学习目标：中考数学提分
     * 沟通记录：想加一次周日的课
     * </pre>
     */
    @Transactional(readOnly = true)
    public String planBasis(long id) {
        Renewal r = get(id);
        List<String> lines = new ArrayList<>();
        lines.add("续费 " + r.renewalNo() + "：原合同 " + r.contractNo() + "，还剩 " + remaining(r.contractId()) + " 课时");
        String teacher = teacherNow(r.contractId(), r.previousOpportunityId());
        String from = r.newLessonsFrom() == null ? null : "新课 " + PreferredTimes.shown(r.newLessonsFrom()) + "起";
        String with = teacher == null ? null : "优先原来的老师 " + teachers.find(teacher).map(Teacher::name).orElse(teacher);
        if (from != null || with != null) {
            lines.add(from == null ? with : with == null ? from : from + "，" + with);
        }
        lines.add("学员：" + IntentSummary.forTeacher(opportunities.get(r.opportunityId())));
        if (r.note() != null && !r.note().isBlank()) {
            lines.add("沟通记录：" + r.note());
        }
        return String.join("\n", lines);
    }

    public Renewal get(long id) {
        return jdbc.sql("select " + COLUMNS + FROM + " where r.id = ?").param(id).query(ROWS).optional()
                .orElseThrow(() -> new NotFoundException("续费 " + id + " 不存在"));
    }

    /** A renewal by its number (XF000012) or id, within the caller's campuses (404 otherwise). */
    @Transactional(readOnly = true)
    public Renewal visible(String idOrNumber) {
        String key = idOrNumber == null ? "" : idOrNumber.strip().toUpperCase();
        Optional<Renewal> found = key.matches("\\d{1,18}")
                ? jdbc.sql("select " + COLUMNS + FROM + " where r.id = ?").param(Long.parseLong(key)).query(ROWS)
                        .optional()
                : jdbc.sql("select " + COLUMNS + FROM + " where r.renewal_no = ?").param(key).query(ROWS).optional();
        return found.filter(r -> scope.current().seesCampus(r.campusCode()))
                .orElseThrow(() -> new NotFoundException("您负责的校区中没有续费 " + idOrNumber));
    }

    /** The contract's renewals, newest first, within the caller's campuses. */
    @Transactional(readOnly = true)
    public List<Renewal> forContractVisible(long contractId) {
        lookup.visible(contractId);
        return jdbc.sql("select " + COLUMNS + FROM + " where r.contract_id = ? order by r.id desc").param(contractId)
                .query(ROWS).list();
    }

    /** The contract's renewal under way (续费沟通中 or 暂不续费), if any. */
    public Optional<Renewal> openOn(long contractId) {
        return jdbc.sql("select " + COLUMNS + FROM + " where r.open_contract_id = ?").param(contractId).query(ROWS)
                .optional();
    }

    /** Lessons left on the contract, every line (1:1, classes, gifts). */
    public int remaining(long contractId) {
        return ledger.accounts(contractId).stream().mapToInt(HoursLedger.Line::remaining).sum();
    }

    /** The contract's renewal that was completed, as staff read it ("XF000012，续费合同 BJ-HD-2026-00123"). */
    private Optional<String> renewedAs(long contractId) {
        return jdbc.sql("select r.renewal_no, c.number from renewal r left join contract c on c.id = r.new_contract_id "
                + "where r.contract_id = ? and r.status = 'RENEWED' order by r.id desc").param(contractId)
                .query((rs, n) -> rs.getString(1) + (rs.getString(2) == null ? "" : "，续费合同 " + rs.getString(2)))
                .list().stream().findFirst();
    }

    /**
     * Who teaches the student now: the teacher of the next lesson not begun (after a teacher change, the new one),
     * else of the last lesson taught; never a teacher a completed teacher change (更换教师) moved the family away
     * from. The renewal continues with them where possible; null for none.
     */
    private String teacherNow(long contractId, long opportunityId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<String> left = jdbc.sql("select from_teacher_id from teacher_change where contract_id = ? "
                + "and status = 'COMPLETED'").param(contractId).query(String.class).list();
        return jdbc.sql("select l.teacher_id from lesson l join schedule_proposal p on p.id = l.proposal_id "
                + "where p.opportunity_id = ? and l.status <> 'CANCELLED' "
                + "order by case when l.starts_at > ? then 0 else 1 end, "
                + "case when l.starts_at > ? then l.starts_at end, l.starts_at desc").params(opportunityId, now, now)
                .query(String.class).list().stream().findFirst().filter(t -> !left.contains(t)).orElse(null);
    }

    /**
     * 续费排课 is about to schedule: the teacher to continue with, taken again now (a teacher change may have come
     * while the family thought it over) and stored with the renewal.
     */
    @Transactional
    public String preferredTeacher(long id) {
        Renewal r = get(id);
        String teacher = teacherNow(r.contractId(), r.previousOpportunityId());
        jdbc.sql("update renewal set teacher_id = ? where id = ?").params(teacher, id).update();
        return teacher;
    }

    /** The day after the old course's last lesson booked (tomorrow at the earliest): the new lessons follow on. */
    private LocalDate firstNewLessonDay(long opportunityId) {
        LocalDate tomorrow = LocalDate.now(clock.withZone(BusinessTime.ZONE)).plusDays(1);
        return jdbc.sql("select max(l.starts_at) from lesson l join schedule_proposal p on p.id = l.proposal_id "
                + "where p.opportunity_id = ? and l.status <> 'CANCELLED'").param(opportunityId)
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class)).optional()
                .map(last -> last.atZoneSameInstant(BusinessTime.ZONE).toLocalDate().plusDays(1))
                .filter(day -> day.isAfter(tomorrow)).orElse(tomorrow);
    }

    private static LocalDate date(InputRules rules, String field, String given, boolean required) {
        if (given == null || given.isBlank()) {
            if (required) {
                rules.problem(field, "必填（日期，如 2027-03-01）");
            }
            return null;
        }
        String text = given.strip();
        try {
            // Tasklist's date picker sends 2027-03-01; a date-time from an API client is read as its day
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            rules.problem(field, "不是日期（格式 2027-03-01）：“" + InputRules.abbreviate(given) + "”");
            return null;
        }
    }

    /** The grade the contract was sold at (its quote's), if the quote names one. */
    private Optional<Grade> soldAt(Contract contract) {
        return jdbc.sql("select grade from quote where id = ?").param(contract.quoteId()).query(String.class)
                .optional().map(Grade::valueOf);
    }
}
