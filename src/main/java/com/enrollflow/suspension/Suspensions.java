package com.enrollflow.suspension;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.common.RecordRowMapper;
import com.enrollflow.contract.Contract;
import com.enrollflow.contract.ContractLookup;
import com.enrollflow.contract.ContractService;
import com.enrollflow.contract.ContractWork;
import com.enrollflow.contract.ContractWorks;
import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.scheduling.SchedulingService;
import com.enrollflow.teaching.Attendance;
import com.enrollflow.teaching.HoursLedger;

/**
 * 休学/停课: a contract's lessons pause from a first day to a last day (at most {@value #MAX_DAYS} days, starting today
 * or later). The lessons from the first day on are released; the resumption proposes the lessons still owed from the
 * day chosen. One active suspension per contract, guaranteed by the database.
 */
@Service
public class Suspensions {

    static final int MAX_DAYS = 180;

    /** What the family asks: from, until (dates, inclusive) and why. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "SuspensionRequest")
    public record Request(String from, String until, String reason) {
    }

    private final JdbcClient jdbc;
    private final ContractLookup lookup;
    private final CampusScope scope;
    private final SchedulingService scheduling;
    private final HoursLedger ledger;
    private final Attendance attendance;
    private final OpportunityService opportunities;
    private final SuspensionProcess process;
    private final Clock clock;
    private final ContractWorks works;
    private final RegisteredSuspension registered;
    private final ContractService contracts;

    Suspensions(JdbcClient jdbc, ContractLookup lookup, CampusScope scope, SchedulingService scheduling,
            HoursLedger ledger, Attendance attendance, OpportunityService opportunities, SuspensionProcess process,
            Clock clock, ContractWorks works, RegisteredSuspension registered, ContractService contracts) {
        this.works = works;
        this.contracts = contracts;
        this.registered = registered;
        this.jdbc = jdbc;
        this.lookup = lookup;
        this.scope = scope;
        this.scheduling = scheduling;
        this.ledger = ledger;
        this.attendance = attendance;
        this.opportunities = opportunities;
        this.process = process;
        this.clock = clock;
    }

    /**
     * Stores the suspension and starts its process. 400 naming {@code from}, {@code until} or {@code reason}; 404 for
     * a contract outside the caller's campuses; 409 for a contract not in force, with an open refund or already
     * suspended, with a schedule waiting in 确认排课, or with no lesson left. Nothing is stored then.
     */
    @Transactional
    public Suspension suspend(long contractId, Request r, String by) {
        return suspend(contractId, null, r, by);
    }

    /**
     * The same for the Tasklist start form 登记停课, the contract as staff type it: its number or the family's phone
     * ({@link ContractLookup}). A contract that cannot be read is refused with the dates and the reason, by field
     * ({@code contract}, or {@code contractId} when none is given).
     */
    @Transactional
    public Suspension suspend(String contract, Request r, String by) {
        return suspend(null, contract, r, by);
    }

    private Suspension suspend(Long contractId, String typed, Request r, String by) {
        InputRules rules = new InputRules();
        Contract asked = lookup.visible(contractId, typed, rules);
        LocalDate today = LocalDate.now(clock.withZone(BusinessTime.ZONE));
        LocalDate from = rules.date("from", r.from(), true);
        LocalDate until = rules.date("until", r.until(), true);
        String reason = rules.required("reason", r.reason(), 500);
        if (from != null && from.isBefore(today)) {
            rules.problem("from", "停课开始日期不能早于今天（" + today + "）");
        }
        if (from != null && until != null && until.isBefore(from)) {
            rules.problem("until", "停课结束日期不能早于开始日期");
        } else if (from != null && until != null && ChronoUnit.DAYS.between(from, until) + 1 > MAX_DAYS) {
            rules.problem("until", "停课最长 " + MAX_DAYS + " 天");
        }
        rules.throwIfAny();
        // a refund, a transfer or a teacher change asked at the same moment queues here and sees this one (and the
        // other way round): each takes the contract's row first
        Contract contract = contracts.lock(asked.id());
        contract.refuseUnlessInForce("停课");
        // a suspension would cancel the lessons a transfer's or a teacher change's new schedule proposes
        works.refuseWhileRunning(contract, "停课", ContractWork.Kind.REFUND, ContractWork.Kind.TRANSFER,
                ContractWork.Kind.TEACHER_CHANGE);
        registered.period(contract.id()).ifPresent(period -> {
            throw new ConflictException(409, "合同 " + contract.number() + " 已登记停课（" + period + "），不能重复登记");
        });
        scheduling.refuseWhileUnconfirmed(contract.opportunityId(), contract.number(), "停课");
        if (ledger.oneOnOneLeft(contract.id()) == 0
                && HoursLedger.classesWithLessons(ledger.accounts(contract.id())).isEmpty()) {
            throw new ConflictException(409, "合同 " + contract.number() + " 没有剩余课时，无需停课");
        }
        KeyHolder keys = new GeneratedKeyHolder();
        try {
            jdbc.sql("insert into suspension (contract_id, open_contract_id, opportunity_id, campus_code, starts_on, "
                    + "ends_on, reason, status, requested_by, requested_at) values (?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?)")
                    .params(contract.id(), contract.id(), contract.opportunityId(), contract.campusCode(), from, until,
                            reason, by, OffsetDateTime.now(clock))
                    .update(keys, "id");
        } catch (DuplicateKeyException e) { // the same request at the same moment: the other one was stored
            throw new ConflictException(409, "合同 " + contract.number() + " 已登记停课，不能重复登记");
        }
        Suspension s = get(keys.getKey().longValue());
        opportunities.note(contract.opportunityId(), TimelineEvent.SUSPENDED, by, from + " 至 " + until + "：" + reason);
        process.start(s);
        return s;
    }

    /**
     * ServiceTask_ReleaseSuspendedLessons: the lessons from the first day on are cancelled, their slots freed; on a
     * suspension from today, only those not begun (已上的课不变: a lesson taught this morning is still to be marked).
     */
    @Transactional
    public int release(long id) {
        Suspension s = get(id);
        OffsetDateTime firstDay = s.startsOn().atStartOfDay(BusinessTime.ZONE).toOffsetDateTime().minusSeconds(1);
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime from = firstDay.isAfter(now) ? firstDay : now;
        int released = scheduling.releaseLessonsAfter(s.opportunityId(), from, "system").size();
        jdbc.sql("update suspension set lessons_released = lessons_released + ? where id = ?").params(released, id)
                .update();
        return released;
    }

    /**
     * 复课: from the day chosen (after today, at most {@value #MAX_DAYS} days after the suspension ends) the lessons
     * still owed are proposed again; the old schedule is closed. Not before the suspension's first day: the lessons
     * before it are still to be taught. Returns how many lessons to propose (0: none owed).
     */
    @Transactional
    public int resume(long id, LocalDate resumeOn, String by) {
        Suspension s = get(id);
        if (!Suspension.ACTIVE.equals(s.status())) {
            throw new ConflictException(409, "停课 " + id + " 已复课");
        }
        if (LocalDate.now(clock.withZone(BusinessTime.ZONE)).isBefore(s.startsOn())) {
            // closing the schedule now would cancel the lessons still to come before the suspension
            throw new ConflictException(409, "停课 " + s.startsOn() + " 才开始，开始后才能安排复课（停课前已排的课照常上课）");
        }
        scheduling.closeSchedule(s.opportunityId(), "停课后复课，重新排课", by);
        jdbc.sql("update suspension set status = 'RESUMED', open_contract_id = null, resumed_on = ?, resumed_by = ? "
                + "where id = ?").params(resumeOn, by, id).update();
        int owed = ledger.oneOnOneLeft(s.contractId());
        int toPropose = Math.max(0, owed - attendance.unmarkedBegun(s.opportunityId(), OffsetDateTime.now(clock)));
        opportunities.note(s.opportunityId(), TimelineEvent.RESUMED, by, resumeOn + " 起复课，重新排 " + toPropose + " 节课");
        return toPropose;
    }

    /** The day a resumption may start: after today, within {@value #MAX_DAYS} days of the suspension's end. */
    public Optional<String> resumeProblem(long id, LocalDate resumeOn) {
        Suspension s = get(id);
        LocalDate today = LocalDate.now(clock.withZone(BusinessTime.ZONE));
        if (resumeOn == null) {
            return Optional.of("必填");
        }
        if (!resumeOn.isAfter(today)) {
            return Optional.of("须是明天或以后");
        }
        if (resumeOn.isAfter(s.endsOn().plusDays(MAX_DAYS))) {
            return Optional.of("不能晚于停课结束后 " + MAX_DAYS + " 天");
        }
        return Optional.empty();
    }

    @Transactional(readOnly = true)
    public Suspension get(long id) {
        return jdbc.sql("select id, contract_id, opportunity_id, campus_code, starts_on, ends_on, reason, status, "
                + "lessons_released, requested_by, requested_at, resumed_on, resumed_by from suspension where id = ?")
                .param(id).query(RecordRowMapper.of(Suspension.class)).optional()
                .orElseThrow(() -> new NotFoundException("停课记录不存在：" + id));
    }

    /** A suspension of the caller's campuses, else 404. */
    @Transactional(readOnly = true)
    public Suspension visible(long id) {
        try {
            Suspension s = get(id);
            if (scope.current().seesCampus(s.campusCode())) {
                return s;
            }
        } catch (NotFoundException e) {
            // same answer as another campus's
        }
        throw new NotFoundException("您负责的校区中没有停课记录 " + id);
    }

}
