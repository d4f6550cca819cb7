package com.enrollflow.teaching;

import org.springframework.stereotype.Component;

/** For tests of other packages: a contract whose first lessons were taught (marked 出勤 by their teacher). */
@Component
public class TeachingTestSupport {

    public record Taught(long contractId, long opportunityId, long quoteId) {
    }

    /** A contract with its lessons: the first {@code past} began, the rest start from tomorrow on. */
    public record Schedule(Taught contract, java.util.List<Long> lessons) {
    }

    private final TeachingFixtures fx;
    private final Attendance attendance;
    private final HoursLedger ledger;

    TeachingTestSupport(TeachingFixtures fx, Attendance attendance, HoursLedger ledger) {
        this.fx = fx;
        this.attendance = attendance;
        this.ledger = ledger;
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
        return new Taught(s.contract().id(), s.contract().opportunityId(), s.contract().quoteId());
    }
}
