package com.enrollflow.workflow.engine;

import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import com.enrollflow.reference.BusinessTime;

/**
 * {@code ${deadlines.after(firstContactLimit)}} in a task's due date: the moment an ISO 8601 duration from now
 * (the engine's clock, the same one the boundary timers use), so the due date Tasklist shows is the recycle limit.
 * No duration, no due date: {@code ${deadlines.after(execution.getVariable('progressLimit'))}} on the consultant's
 * consultation tasks gives none to an instance started before the limit was passed to it.
 */
@Component("deadlines")
public class Deadlines {

    /** The engine's now: the clock the due dates and the timers are computed with. */
    public Date now() {
        return ClockUtil.getCurrentTime();
    }

    public Date after(String isoDuration) {
        return after(ClockUtil.getCurrentTime(), isoDuration);
    }

    /** The moment an ISO 8601 duration after {@code from}; none without a duration. */
    public Date after(Date from, String isoDuration) {
        if (isoDuration == null || isoDuration.isBlank()) {
            return null;
        }
        var at = BusinessTime.plus(from.toInstant().atZone(BusinessTime.ZONE), isoDuration);
        return Date.from(at.toInstant());
    }
}
