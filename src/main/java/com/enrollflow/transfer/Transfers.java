package com.enrollflow.transfer;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.Coded;
import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.Money;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.contract.Contract;
import com.enrollflow.contract.ContractLookup;
import com.enrollflow.contract.ContractService;
import com.enrollflow.contract.ContractWork;
import com.enrollflow.contract.ContractWorks;
import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.payment.InstallmentPlan;
import com.enrollflow.payment.PaymentOrder;
import com.enrollflow.payment.PaymentService;
import com.enrollflow.pricing.PricingService;
import com.enrollflow.pricing.Quote;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.reference.Campuses;
import com.enrollflow.reference.Grade;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;
import com.enrollflow.refund.Refund;
import com.enrollflow.refund.RefundQuotes;
import com.enrollflow.refund.Refunds;
import com.enrollflow.scheduling.SchedulingService;
import com.enrollflow.teaching.Attendance;
import com.enrollflow.teaching.ClassDays;
import com.enrollflow.teaching.Classes;
import com.enrollflow.teaching.HoursLedger;
import com.enrollflow.teaching.LessonValue;

/**
 * 转课: taken by academic affairs, customer service or the front desk of the contract's campus. In one transaction the
 * contract's remaining bought 1:1 lessons move to a new ledger line of the new course at today's price, the old
 * schedule is closed and the transfer stored; its process then schedules the new course and settles the difference
 * (transfer-settlement.dmn): an added installment to pay, a refund through the approval gate, or balance kept.
 */
@Service
public class Transfers {

    /** Days the family has to pay a difference, as for a sale (合同缴费期限). */
    static final int TOP_UP_DAYS = 7;

    /** What is asked: the new course (subject, teacher level), why, and whether the family wants a difference back. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "TransferRequest")
    public record Request(String subject, String teacherLevel, String reason, Boolean refundDifference) {
    }

    private final JdbcClient jdbc;
    private final ContractService contracts;
    private final ContractLookup lookup;
    private final CampusScope scope;
    private final PricingService pricing;
    private final HoursLedger ledger;
    private final Attendance attendance;
    private final SchedulingService scheduling;
    private final PaymentService payments;
    private final Refunds refunds;
    private final RefundQuotes refundQuotes;
    private final OpportunityService opportunities;
    private final TransferProcess process;
    private final Clock clock;
    private final ContractWorks works;
    private final RunningTransfer running;
    private final ClassDays classDays;
    private final Classes classes;
    private final Campuses campuses;

    Transfers(JdbcClient jdbc, ContractService contracts, ContractLookup lookup, CampusScope scope,
            PricingService pricing, HoursLedger ledger, Attendance attendance, SchedulingService scheduling,
            PaymentService payments, Refunds refunds, RefundQuotes refundQuotes,
            OpportunityService opportunities, TransferProcess process, Clock clock, ContractWorks works,
            RunningTransfer running, Classes classes, Campuses campuses, ClassDays classDays) {
        this.classes = classes;
        this.classDays = classDays;
        this.campuses = campuses;
        this.works = works;
        this.running = running;
        this.jdbc = jdbc;
        this.contracts = contracts;
        this.lookup = lookup;
        this.scope = scope;
        this.pricing = pricing;
        this.ledger = ledger;
        this.attendance = attendance;
        this.scheduling = scheduling;
        this.payments = payments;
        this.refunds = refunds;
        this.refundQuotes = refundQuotes;
        this.opportunities = opportunities;
        this.process = process;
        this.clock = clock;
    }

    /**
     * Moves the lessons, closes the old schedule, stores the transfer and starts its process. 400 naming
     * {@code subject}, {@code teacherLevel}, {@code reason} (an unknown course, the course the student already takes, a
     * course without a price at the campus or without a teacher of it); 404 for a contract outside the caller's
     * campuses; 409 for a contract not in force, with an open refund, suspended, already transferring, with a schedule
     * waiting in 确认排课, with nothing left, or with lessons begun but not yet marked. Nothing is stored then.
     */
    @Transactional
    public Transfer request(long contractId, Request r, String by) {
        Contract asked = lookup.visible(contractId);
        return request(asked, new InputRules(), r, by);
    }

    /**
     * The same for the Tasklist start form 申请转课, the contract as staff type it: its number or the family's phone
     * ({@link ContractLookup}). A contract that cannot be read, is unknown or is another campus's is a problem of the
     * field {@code contract} ({@code contractId} when nothing is given), refused together with the other fields (400)
     * rather than as a 404 of its own.
     */
    @Transactional
    public Transfer request(String contract, Request r, String by) {
        InputRules rules = new InputRules();
        Contract asked = lookup.typed(contract, rules);
        return request(asked, rules, r, by);
    }

    /** {@code asked} is null only when {@code rules} already holds the contract's problem. */
    private Transfer request(Contract asked, InputRules rules, Request r, String by) {
        Subject subject = rules.code("subject", r.subject(), Subject.class, true,
                java.util.EnumSet.complementOf(java.util.EnumSet.of(Subject.ALL)));
        if (subject == Subject.ALL) {
            // a 1:1 course is one subject: a teacher teaches it and the schedule is planned for it
            rules.problem("subject", "转课须选定一个科目，不能选全科");
        }
        TeacherLevel level = rules.code("teacherLevel", r.teacherLevel(), TeacherLevel.class, true);
        String reason = rules.required("reason", r.reason(), 500);
        rules.throwIfAny();
        Contract contract = contracts.lock(asked.id());
        // a transfer already running makes the course asked for look like the current one: say what is running
        refuseWhileBusy(contract, Transfer.Kind.LESSONS);
        Quote quote = pricing.find(contract.quoteId()).orElseThrow();
        Grade grade = quote.grade() != null ? quote.grade()
                : Coded.parse(Grade.class, opportunities.get(contract.opportunityId()).grade()).orElse(null);
        Course current = currentCourse(contract, quote);
        if (current.subject() == subject && current.level() == level) {
            rules.problem("subject", "与当前课程相同（" + current.text() + "），无需转课");
        }
        LocalDate today = LocalDate.now(clock.withZone(BusinessTime.ZONE));
        BigDecimal price = Optional.ofNullable(pricing.lessonPrices(contract.campusCode(), grade, today).get(subject))
                .map(byLevel -> byLevel.get(level)).orElse(null);
        if (price == null && subject != null && level != null) {
            rules.problem("teacherLevel", "本校区现行价目表中没有" + (grade == null ? "" : grade.label() + " ")
                    + subject.label() + " · " + level.label() + "的一对一课时单价");
        } else if (price != null && grade != null) {
            // a course nobody teaches would move the lessons and leave the student waiting in 确认排课
            scheduling.nobodyToTeach(rules, contract.campusCode(), grade, subject, level, "转课后无法排课");
        }
        rules.throwIfAny();
        String newCourse = "转课转入：" + (grade == null ? "" : grade.label() + " ") + subject.label() + " · "
                + level.label() + " 一对一";
        HoursLedger.Moved moved = ledger.transferOut(contract.id(), newCourse,
                lessons -> price.multiply(BigDecimal.valueOf(lessons)), by);
        BigDecimal valueIn = price.multiply(BigDecimal.valueOf(moved.lessons())).setScale(2);
        BigDecimal difference = valueIn.subtract(moved.valueOut());
        BigDecimal refundable = difference.signum() >= 0 ? BigDecimal.ZERO.setScale(2)
                : difference.negate().min(surplus(contract)).max(BigDecimal.ZERO).setScale(2);
        OffsetDateTime now = OffsetDateTime.now(clock);
        int cancelled = scheduling.releaseLessonsAfter(contract.opportunityId(), now, by).size();
        scheduling.closeSchedule(contract.opportunityId(), "转课：改为" + subject.label() + " · " + level.label(), by);
        int toSchedule = ledger.oneOnOneLeft(contract.id());
        String computation = computation(current, moved, grade, subject, level, price, valueIn, difference, refundable);
        long id = store(new Stored(contract, Transfer.Kind.LESSONS, grade == null ? null : grade.name(),
                current.text(), subject.name(), level.name(), null, null, moved, price, valueIn, difference,
                refundable, Boolean.TRUE.equals(r.refundDifference()), cancelled, toSchedule, computation, reason, by));
        Transfer t = get(id);
        opportunities.note(contract.opportunityId(), TimelineEvent.TRANSFERRED, by, t.transferNo() + "："
                + current.text() + " → " + subject.label() + " · " + level.label() + "，" + t.lessons() + " 课时，差价 "
                + Money.yuan(difference) + "；取消原课表 " + cancelled + " 节课");
        process.start(t, contract.quoteId());
        return t;
    }

    /**
     * 转班: the class a student leaves ({@code fromClass}, code or name; may be left out when the contract has one
     * class with lessons left), the class of the contract's campus they join ({@code toClass}), why, and whether the
     * family wants a difference back.
     */
    public record ClassRequest(String fromClass, String toClass, String reason, Boolean refundDifference) {
    }

    /**
     * 转班 (decision 550): what is left of the student's class moves to another class of the contract's campus, at that
     * class's price per lesson (its whole price ÷ its lessons); the difference is settled as a 转课's. 400 naming
     * {@code fromClass}, {@code toClass}, {@code reason}; 404 for a contract outside the caller's campuses; 409 for a
     * contract not in force, with other work running, or with no class lessons left. Nothing is stored then.
     */
    @Transactional
    public Transfer requestClass(long contractId, ClassRequest r, String by) {
        Contract asked = lookup.visible(contractId);
        return requestClass(asked, new InputRules(), r, by);
    }

    /** The same for the Tasklist start form 申请转班, the contract as staff type it, as 申请转课 takes it. */
    @Transactional
    public Transfer requestClass(String contract, ClassRequest r, String by) {
        InputRules rules = new InputRules();
        Contract asked = lookup.typed(contract, rules);
        return requestClass(asked, rules, r, by);
    }

    /** {@code asked} is null only when {@code rules} already holds the contract's problem. */
    private Transfer requestClass(Contract asked, InputRules rules, ClassRequest r, String by) {
        String fromText = rules.optional("fromClass", r.fromClass(), 64);
        String toText = rules.required("toClass", r.toClass(), 64);
        String reason = rules.required("reason", r.reason(), 500);
        rules.throwIfAny();
        Contract contract = contracts.lock(asked.id());
        List<HoursLedger.Line> inClasses = HoursLedger.classesWithLessons(ledger.accounts(contract.id()));
        HoursLedger.Line from = HoursLedger.classLine(rules, "fromClass", inClasses, fromText,
                "合同有多个班级还有课时，请填写转出班级");
        String campusName = Optional.ofNullable(campuses.nameOf(contract.campusCode())).orElse(contract.campusCode());
        Classes.ClassInfo to = toText == null ? null : classes.named(rules, "toClass", toText,
                contract.campusCode()::equals, campusName + "（合同所在校区）");
        Classes.ClassInfo fromClass = from == null ? null : classes.find(from.classCode()).orElseThrow();
        if (to != null && inClasses.stream().anyMatch(l -> to.code().equals(l.classCode()))) {
            rules.problem("toClass", "学员已在" + to.text() + "上课，无需转班");
        } else if (to != null && fromClass != null && !(java.util.Objects.equals(to.grade(), fromClass.grade())
                && java.util.Objects.equals(to.subject(), fromClass.subject()))) {
            // a parallel class: the same grade and subject; another course is a 转课, at its own price and teacher
            rules.problem("toClass", to.text() + "是" + courseOf(to) + "的班，学员现在上的是" + courseOf(fromClass)
                    + "；转班只能转到同年级、同科目的平行班，换科目或年级请申请转课");
        } else if (to != null && from != null && to.left() < from.remaining()) {
            rules.problem("toClass", to.left() == 0 ? to.text() + "已结课"
                    : to.text() + "还剩 " + to.left() + " 次课，少于学员在" + fromClass.name() + "剩余的 "
                            + from.remaining() + " 课时；请另选班级");
        }
        rules.throwIfAny();
        if (from == null || to == null) {
            throw new ConflictException(409, "合同 " + contract.number() + " 没有剩余的班课课时，无法转班");
        }
        refuseWhileBusy(contract, Transfer.Kind.CLASS);
        classDays.requireMarked(contract.id(), List.of(fromClass.code()), "转班");
        HoursLedger.Moved moved = ledger.transferClass(contract.id(), from.lineNo(), to.code(), "转班转入：" + to.name(),
                lessons -> LessonValue.of("CLASS", to.price(), to.lessons(), lessons), by);
        BigDecimal valueIn = LessonValue.of("CLASS", to.price(), to.lessons(), moved.lessons());
        BigDecimal unitPrice = to.price().divide(BigDecimal.valueOf(to.lessons()), 2, RoundingMode.HALF_UP);
        BigDecimal difference = valueIn.subtract(moved.valueOut());
        BigDecimal refundable = difference.signum() >= 0 ? BigDecimal.ZERO.setScale(2)
                : difference.negate().min(surplus(contract)).max(BigDecimal.ZERO).setScale(2);
        String computation = classComputation(fromClass, to, moved, valueIn, difference, refundable);
        long id = store(new Stored(contract, Transfer.Kind.CLASS, to.grade(), fromClass.text(), to.subject(), null,
                fromClass.code(), to.code(), moved, unitPrice, valueIn, difference, refundable,
                Boolean.TRUE.equals(r.refundDifference()), 0, 0, computation, reason, by));
        Transfer t = get(id);
        opportunities.note(contract.opportunityId(), TimelineEvent.TRANSFERRED, by, t.transferNo() + "：转班 "
                + fromClass.name() + " → " + to.name() + "，" + t.lessons() + " 课时，差价 "
                + Money.yuan(difference));
        process.start(t, contract.quoteId());
        return t;
    }

    /** 初二数学, as staff name a class's course. */
    private static String courseOf(Classes.ClassInfo c) {
        return Coded.parse(Grade.class, c.grade()).map(Grade::label).orElse(String.valueOf(c.grade()))
                + Coded.parse(Subject.class, c.subject()).map(Subject::label).orElse(String.valueOf(c.subject()));
    }

    private static String classComputation(Classes.ClassInfo from, Classes.ClassInfo to, HoursLedger.Moved moved,
            BigDecimal valueIn, BigDecimal difference, BigDecimal refundable) {
        StringBuilder s = new StringBuilder();
        s.append("转出：").append(from.text()).append(" 剩余 ").append(moved.lessons()).append(" 课时，按原成交价折算 ")
                .append(Money.yuan(moved.valueOut())).append("\n");
        s.append("转入：").append(to.text()).append(" ").append(moved.lessons()).append(" 课时 × 全班价 ")
                .append(Money.yuan(to.price())).append(" ÷ ").append(to.lessons()).append(" 次 = ")
                .append(Money.yuan(valueIn)).append("\n");
        return differenceText(s, difference, refundable);
    }

    /** A transfer to store, as computed. */
    private record Stored(Contract contract, Transfer.Kind kind, String grade, String fromCourse, String subject,
            String teacherLevel, String fromClass, String toClass, HoursLedger.Moved moved, BigDecimal unitPrice,
            BigDecimal valueIn, BigDecimal difference, BigDecimal refundable, boolean familyAsksRefund, int cancelled,
            int toSchedule, String computation, String reason, String by) {
    }

    /** Stores the transfer with its number (ZK000012); 409 when another is already running on the contract. */
    private long store(Stored t) {
        KeyHolder keys = new GeneratedKeyHolder();
        Contract contract = t.contract();
        try {
            jdbc.sql("insert into transfer (transfer_no, kind, contract_id, open_contract_id, opportunity_id, "
                    + "campus_code, grade, from_course, to_subject, to_teacher_level, from_class_code, to_class_code, "
                    + "lessons, value_out, unit_price, value_in, difference, refundable, family_asks_refund, "
                    + "to_line_no, lessons_cancelled, lessons_to_schedule, computation, status, reason, requested_by, "
                    + "requested_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                    + "'IN_PROGRESS', ?, ?, ?)")
                    .params("N" + contract.id(), t.kind().name(), contract.id(), contract.id(),
                            contract.opportunityId(), contract.campusCode(), t.grade(), t.fromCourse(), t.subject(),
                            t.teacherLevel(), t.fromClass(), t.toClass(), t.moved().lessons(), t.moved().valueOut(),
                            t.unitPrice(), t.valueIn(), t.difference(), t.refundable(), t.familyAsksRefund(),
                            t.moved().newLineNo(), t.cancelled(), t.toSchedule(), t.computation(), t.reason(), t.by(),
                            OffsetDateTime.now(clock))
                    .update(keys, "id");
        } catch (DuplicateKeyException race) {
            throw new ConflictException(409, "合同 " + contract.number() + " 已有进行中的转课或转班，请完成后再申请");
        }
        long id = keys.getKey().longValue();
        jdbc.sql("update transfer set transfer_no = ? where id = ?").params(Transfer.number(id), id).update();
        return id;
    }

    /**
     * 差价处理, once (a retried job finds it done): TOP_UP adds the difference as an installment due in
     * {@value #TOP_UP_DAYS} days; REFUND asks for the refundable part back through the refund gate (a rejection leaves
     * it as balance); BALANCE keeps it on the contract. A REFUND with nothing refundable keeps it as balance too.
     */
    @Transactional
    public Settled settle(long id, Transfer.Settlement decided) {
        Transfer t = lock(id);
        if (t.settlement() != null) {
            return settled(t);
        }
        Contract contract = contracts.find(t.contractId()).orElseThrow();
        Transfer.Settlement s = decided == Transfer.Settlement.REFUND && t.refundable().signum() == 0
                ? Transfer.Settlement.BALANCE : decided;
        if (s == Transfer.Settlement.TOP_UP) {
            if (t.difference().signum() <= 0) {
                throw new IllegalStateException(t.transferNo() + " has no difference to pay: " + t.difference());
            }
            LocalDate due = LocalDate.now(clock.withZone(BusinessTime.ZONE)).plusDays(TOP_UP_DAYS);
            InstallmentPlan.Due added = payments.addInstallment(t.contractId(), t.difference(), due);
            jdbc.sql("update transfer set settlement = ?, installment_seq = ? where id = ?")
                    .params(s.name(), added.seq(), id).update();
            opportunities.note(t.opportunityId(), TimelineEvent.TRANSFERRED, "system", t.transferNo() + "：补缴差价 "
                    + Money.yuan(t.difference()) + "，" + due + " 前缴纳（第" + added.seq() + "期）");
        } else if (s == Transfer.Settlement.REFUND) {
            Refund refund = refunds.requestTransferDifference(contract, id, t.transferNo(), t.kindLabel(),
                    t.refundable(), t.computation(), t.requestedBy());
            jdbc.sql("update transfer set settlement = ?, refund_id = ? where id = ?").params(s.name(), refund.id(), id)
                    .update();
        } else {
            jdbc.sql("update transfer set settlement = ? where id = ?").params(s.name(), id).update();
            if (s == Transfer.Settlement.BALANCE) {
                // what the family still owes is lowered first; the rest is balance
                BigDecimal owedLess = payments.reduceUnpaid(t.contractId(), t.difference().negate());
                BigDecimal kept = t.difference().negate().subtract(owedLess);
                opportunities.note(t.opportunityId(), TimelineEvent.TRANSFERRED, "system", t.transferNo() + "：差价 "
                        + Money.yuan(t.difference().negate()) + (owedLess.signum() > 0 ? "，抵减未缴分期款 "
                                + Money.yuan(owedLess) : "") + (kept.signum() > 0 ? "，" + Money.yuan(kept)
                                        + " 留作账户余额，日后申请退费时计入可退金额" : ""));
            }
        }
        return settled(get(id));
    }

    /** 转课完成: the new schedule is confirmed and the difference settled; the contract is free for the next one. */
    @Transactional
    public Transfer complete(long id) {
        jdbc.sql("update transfer set status = 'COMPLETED', open_contract_id = null, completed_at = ? "
                + "where id = ? and status = 'IN_PROGRESS'").params(OffsetDateTime.now(clock), id).update();
        return get(id);
    }

    /** What a settlement led to, for the process: the installment to chase when the family has a difference to pay. */
    public record Settled(Transfer transfer, PaymentOrder order, InstallmentPlan.Due installment) {
    }

    private Settled settled(Transfer t) {
        if (t.installmentSeq() == null) {
            return new Settled(t, null, null);
        }
        PaymentOrder order = payments.forContract(t.contractId()).orElseThrow();
        InstallmentPlan.Due due = order.installments().stream().filter(d -> d.seq() == t.installmentSeq()).findFirst()
                .orElseThrow();
        return new Settled(t, order, due);
    }

    @Transactional(readOnly = true)
    public Transfer get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("转课记录不存在：" + id));
    }

    private Optional<Transfer> find(long id) {
        return jdbc.sql(SELECT + "where t.id = ?").param(id).query((rs, n) -> row(rs)).optional();
    }

    /** A transfer of the caller's campuses, by its number (ZK000012) or id; else 404. */
    @Transactional(readOnly = true)
    public Transfer visible(String idOrNumber) {
        String key = idOrNumber == null ? "" : idOrNumber.strip().toUpperCase();
        Optional<Long> id = key.matches("\\d{1,18}") ? Optional.of(Long.parseLong(key))
                : jdbc.sql("select id from transfer where transfer_no = ?").param(key).query(Long.class).optional();
        return id.flatMap(this::find).filter(t -> scope.current().seesCampus(t.campusCode()))
                .orElseThrow(() -> new NotFoundException("您负责的校区中没有转课记录 " + InputRules.abbreviate(key)));
    }

    /** A contract of the caller's campuses: its transfers, oldest first; else 404. */
    @Transactional(readOnly = true)
    public List<Transfer> forContractVisible(long contractId) {
        lookup.visible(contractId);
        return forContract(contractId);
    }

    /** A contract's transfers, oldest first. */
    @Transactional(readOnly = true)
    public List<Transfer> forContract(long contractId) {
        return jdbc.sql(SELECT + "where t.contract_id = ? order by t.id").param(contractId).query((rs, n) -> row(rs))
                .list();
    }

    /**
     * 409 for a contract not in force or with other work running on it; a 转课 also waits for every begun 1:1 lesson
     * to be marked (a 转班 leaves the 1:1 lessons alone).
     */
    private void refuseWhileBusy(Contract contract, Transfer.Kind kind) {
        contract.refuseUnlessInForce(kind.label());
        works.refuseWhileRunning(contract, kind.label(), ContractWork.Kind.REFUND,
                ContractWork.Kind.OVERPAYMENT_REFUND, ContractWork.Kind.SUSPENSION, ContractWork.Kind.TEACHER_CHANGE);
        running.running(contract.id()).ifPresent(t -> {
            throw new ConflictException(409, "合同 " + contract.number() + " 已有进行中的" + t.what() + "，请完成后再申请");
        });
        BigDecimal awaiting = refundQuotes.awaitingFinance(contract);
        if (awaiting.signum() > 0) {
            // the difference is settled against what was paid: money finance has not confirmed yet would be left out
            // of it (a difference kept as balance that the family asked back, an installment lowered that was paid)
            throw new ConflictException(409, "合同 " + contract.number() + " 有 " + Money.yuan(awaiting)
                    + " 待财务确认的款项（电话支付或银行转账），请财务确认到账或驳回后再" + kind.label());
        }
        if (kind == Transfer.Kind.LESSONS) {
            scheduling.refuseWhileUnconfirmed(contract.opportunityId(), contract.number(), "转课");
            attendance.requireBegunMarked(contract.opportunityId(), OffsetDateTime.now(clock), "转课");
        }
    }

    /** What the family has paid beyond what its lessons are worth now (账户余额), the new line included. */
    private BigDecimal surplus(Contract contract) {
        return refundQuotes.balance(contract);
    }

    private record Course(Subject subject, TeacherLevel level, String text) {
    }

    /** The course the lessons are taught in now: the last transfer's, else the quote's. */
    private Course currentCourse(Contract contract, Quote quote) {
        Optional<Map<String, Object>> last = jdbc.sql("select to_subject, to_teacher_level from transfer "
                + "where contract_id = ? and kind = 'LESSONS' order by id desc").param(contract.id()).query()
                .listOfRows().stream().findFirst();
        Subject s = last.map(m -> Subject.valueOf(m.get("to_subject").toString())).orElse(quote.subject());
        TeacherLevel l = last.map(m -> TeacherLevel.valueOf(m.get("to_teacher_level").toString()))
                .orElse(quote.teacherLevel());
        return new Course(s, l, (s == null ? "—" : s.label()) + " · " + (l == null ? "—" : l.label()));
    }

    private static String computation(Course from, HoursLedger.Moved moved, Grade grade, Subject subject,
            TeacherLevel level, BigDecimal price, BigDecimal valueIn, BigDecimal difference, BigDecimal refundable) {
        StringBuilder s = new StringBuilder();
        s.append("转出：").append(from.text()).append(" 剩余 ").append(moved.lessons()).append(" 课时，按原成交价折算 ")
                .append(Money.yuan(moved.valueOut())).append("\n");
        s.append("转入：").append(grade == null ? "" : grade.label() + " ").append(subject.label()).append(" · ")
                .append(level.label()).append(" ").append(moved.lessons()).append(" 课时 × 现行单价 ")
                .append(Money.yuan(price)).append(" = ").append(Money.yuan(valueIn)).append("\n");
        return differenceText(s, difference, refundable);
    }

    /** The computation's last line: what the family pays, or has beyond its lessons and may have back. */
    private static String differenceText(StringBuilder s, BigDecimal difference, BigDecimal refundable) {
        if (difference.signum() > 0) {
            s.append("差价：家长需补缴 ").append(Money.yuan(difference));
        } else if (difference.signum() < 0) {
            s.append("差价：家长多出 ").append(Money.yuan(difference.negate())).append("，其中已实际缴纳、可退还 ")
                    .append(Money.yuan(refundable));
            if (refundable.compareTo(difference.negate()) < 0) {
                s.append("（合同尚有未缴款，其余抵作未缴款）");
            }
        } else {
            s.append("差价：无");
        }
        return s.toString();
    }

    private static final String COLUMNS = "t.id, t.transfer_no, t.kind, t.contract_id, t.opportunity_id, "
            + "t.campus_code, t.from_course, t.to_subject, t.to_teacher_level, t.from_class_code, t.to_class_code, "
            + "t.lessons, t.value_out, t.unit_price, t.value_in, "
            + "t.difference, t.refundable, t.family_asks_refund, t.to_line_no, t.lessons_cancelled, "
            + "t.lessons_to_schedule, t.computation, t.settlement, t.installment_seq, r.refund_no, t.status, t.reason, "
            + "t.requested_by, t.requested_at, t.completed_at";
    /** A transfer with its difference refund's number. */
    private static final String SELECT = "select " + COLUMNS
            + " from transfer t left join refund r on r.id = t.refund_id ";

    private Transfer lock(long id) {
        jdbc.sql("select id from transfer where id = ? for update").param(id).query(Long.class).optional()
                .orElseThrow(() -> new NotFoundException("转课记录不存在：" + id));
        return get(id);
    }

    private static Transfer row(java.sql.ResultSet rs) throws java.sql.SQLException {
        Subject subject = Subject.valueOf(rs.getString("to_subject"));
        String levelCode = rs.getString("to_teacher_level");
        TeacherLevel level = levelCode == null ? null : TeacherLevel.valueOf(levelCode);
        Transfer.Kind kind = Transfer.Kind.valueOf(rs.getString("kind"));
        String settlement = rs.getString("settlement");
        Transfer.Settlement s = settlement == null ? null : Transfer.Settlement.valueOf(settlement);
        return new Transfer(rs.getLong("id"), rs.getString("transfer_no"), kind, kind.label(),
                rs.getLong("contract_id"), rs.getLong("opportunity_id"), rs.getString("campus_code"),
                rs.getString("from_course"), subject, subject.label(), level, level == null ? null : level.label(),
                rs.getString("from_class_code"), rs.getString("to_class_code"), rs.getInt("lessons"),
                rs.getBigDecimal("value_out"), rs.getBigDecimal("unit_price"), rs.getBigDecimal("value_in"),
                rs.getBigDecimal("difference"), rs.getBigDecimal("refundable"), rs.getBoolean("family_asks_refund"),
                rs.getInt("to_line_no"), rs.getInt("lessons_cancelled"), rs.getInt("lessons_to_schedule"),
                rs.getString("computation"), s, s == null ? null : s.label(),
                (Integer) rs.getObject("installment_seq", Integer.class),
                rs.getString("refund_no"), rs.getString("status"), rs.getString("reason"),
                rs.getString("requested_by"), rs.getObject("requested_at", OffsetDateTime.class),
                rs.getObject("completed_at", OffsetDateTime.class));
    }
}
