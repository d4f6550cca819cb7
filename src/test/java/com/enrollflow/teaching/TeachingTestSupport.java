package com.enrollflow.teaching;

import org.springframework.stereotype.Component;

/** For tests of other packages: a contract whose first lessons were taught (marked 出勤 by their teacher). */
@Component
public class TeachingTestSupport {

    public record Taught(long contractId, long opportunityId, long quoteId) {
    }

    private final TeachingFixtures fx;
    private final Attendance attendance;

    TeachingTestSupport(TeachingFixtures fx, Attendance attendance) {
        this.fx = fx;
        this.attendance = attendance;
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
