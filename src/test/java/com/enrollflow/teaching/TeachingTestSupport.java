package com.enrollflow.teaching;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.springframework.stereotype.Component;

import com.enrollflow.payment.InstallmentPlan;
import com.enrollflow.payment.PaymentMethod;
import com.enrollflow.payment.PaymentOrder;
import com.enrollflow.payment.PaymentService;
import com.enrollflow.reference.BusinessTime;

/**
 * For tests of other packages: a contract whose first lessons were taught (marked 出勤 by their teacher), and paid
 * for as the after-sales requests (退费, 转课, 更换教师, 续费, 停课) find it.
 */
@Component
public class TeachingTestSupport {

    public record Taught(long contractId, long opportunityId, long quoteId) {
    }

    /** A contract with its lessons: the first {@code past} began, the rest start from tomorrow on. */
    public record Schedule(Taught contract, java.util.List<Long> lessons) {
    }

    /** What the fixture's contract costs: 60 senior maths lessons at ¥200. */
    public static final BigDecimal PRICE = new BigDecimal("12000.00");

    private final TeachingFixtures fx;
    private final Attendance attendance;
    private final HoursLedger ledger;
    private final PaymentService payments;
    private final com.enrollflow.testsupport.Leads leads;

    TeachingTestSupport(TeachingFixtures fx, Attendance attendance, HoursLedger ledger, PaymentService payments,
            com.enrollflow.testsupport.Leads leads) {
        this.leads = leads;
        this.fx = fx;
        this.attendance = attendance;
        this.ledger = ledger;
        this.payments = payments;
    }

    /** The contract's order of ¥12,000 opened today in one installment, and all of it taken at the desk by card. */
    public PaymentOrder paidInFull(Taught t) {
        PaymentOrder order = payments.openOrder(t.opportunityId(), t.quoteId(), t.contractId(), "BJ-HD", PRICE,
                InstallmentPlan.FULL, LocalDate.now(BusinessTime.ZONE));
        payments.record(order.id(), PaymentMethod.CARD, PRICE, "DESK:paid-in-full-" + t.contractId(), null,
                "zhaomin");
        return payments.get(order.id());
    }

    /** Leaves only {@code left} lessons on the contract's 1:1 line, as if the rest had been taught. */
    public void leaveOnly(long contractId, int left) {
        fx.leave(contractId, ledger, left);
    }

    /** As {@link #contractWithLessonsTaught}, with {@code future} confirmed lessons from tomorrow on. */
    public Schedule contractWithSchedule(int past, int taught, int future) {
        TeachingFixtures.Student s = fx.student(TeachingFixtures.ZHENGKAI, past, future);
        for (int i = 0; i < taught; i++) {
            attendance.mark(s.lessons().get(i), new Attendance.MarkRequest("ATTENDED", null, null, null),
                    new Attendance.Marker("zhengkai", false));
        }
        // what follows each mark, as the job executor runs it once the mark has committed (课消后续跟进)
        leads.runLessonFollowUps(s.contract().opportunityId());
        return new Schedule(new Taught(s.contract().id(), s.contract().opportunityId(), s.contract().quoteId()),
                s.lessons());
    }

    /** A contract of 60 lessons whose confirmed lessons with 郑凯 start at the given moments, none marked. */
    public Schedule contractWithLessonsAt(java.util.List<java.time.OffsetDateTime> starts) {
        TeachingFixtures.Student s = fx.studentAt(TeachingFixtures.ZHENGKAI, starts);
        return new Schedule(new Taught(s.contract().id(), s.contract().opportunityId(), s.contract().quoteId()),
                s.lessons());
    }

    /** {@code past} lessons that began, of which the first {@code taught} are marked attended. */
    public Taught contractWithLessonsTaught(int past, int taught) {
        TeachingFixtures.Student s = fx.student(TeachingFixtures.ZHENGKAI, past, 0);
        for (int i = 0; i < taught; i++) {
            attendance.mark(s.lessons().get(i), new Attendance.MarkRequest("ATTENDED", null, null, null),
                    new Attendance.Marker("zhengkai", false));
        }
        // what follows each mark, as the job executor runs it once the mark has committed (课消后续跟进)
        leads.runLessonFollowUps(s.contract().opportunityId());
        return new Taught(s.contract().id(), s.contract().opportunityId(), s.contract().quoteId());
    }
}
