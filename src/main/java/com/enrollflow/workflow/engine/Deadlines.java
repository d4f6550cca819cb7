package com.enrollflow.workflow.engine;

import java.time.Duration;
import java.time.Period;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import com.enrollflow.reference.BusinessTime;

/**
 * {@code ${deadlines.after(firstContactLimit)}} in a task's due date: the moment an ISO 8601 duration from now
 * (the engine's clock, the same one the boundary timers use), so the due date Tasklist shows is the recycle limit.
 */
@Component("deadlines")
public class Deadlines {


    public Date after(String isoDuration) {
        var now = ClockUtil.getCurrentTime().toInstant().atZone(BusinessTime.ZONE);
        String d = isoDuration.strip().toUpperCase();
        int t = d.indexOf('T');
        // P7D, PT24H, P1DT12H: the date part as calendar days, the time part as hours/minutes/seconds
        var at = t < 0 ? now.plus(Period.parse(d))
                : now.plus(t == 1 ? Period.ZERO : Period.parse(d.substring(0, t))).plus(Duration.parse("P" + d.substring(t)));
        return Date.from(at.toInstant());
    }
}
