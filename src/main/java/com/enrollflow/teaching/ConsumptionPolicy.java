package com.enrollflow.teaching;

import com.enrollflow.common.ConflictException;

/**
 * Whether a lesson is consumed, as the process owner's table says (bpmn/lesson-consumption.dmn, 确定是否课消). The
 * engine evaluates it (workflow.teaching.CamundaConsumptionPolicy); a table that cannot be read, or has no rule for
 * the case, refuses the mark rather than guess.
 */
public interface ConsumptionPolicy {

    String DECISION_KEY = "lessonConsumption";

    /** {@code noticeHours}: for a leave, how many whole hours before the lesson it was asked; null otherwise. */
    Consumption decide(AttendanceStatus status, Integer noticeHours);

    static ConflictException noRule(AttendanceStatus status, Integer noticeHours) {
        return new ConflictException(409, "课消规则（确定是否课消）没有适用于“" + status.label() + "”"
                + (noticeHours == null ? "" : "（提前 " + noticeHours + " 小时）") + "的规则，请流程负责人补充规则后再登记");
    }

    static ConflictException unreadable(RuntimeException cause) {
        return new ConflictException(409, "课消规则（确定是否课消）无法执行：" + cause.getMessage());
    }
}
