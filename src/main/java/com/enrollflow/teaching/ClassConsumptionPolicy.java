package com.enrollflow.teaching;

import com.enrollflow.common.ConflictException;

/**
 * Whether a class lesson is consumed for a student, as the process owner's table says (bpmn/class-consumption.dmn,
 * 确定班课是否课消). The engine evaluates it (workflow.teaching.CamundaClassConsumptionPolicy); a table that cannot be
 * read, or has no rule for the case, refuses the roll call rather than guess.
 */
public interface ClassConsumptionPolicy {

    String DECISION_KEY = "classConsumption";

    boolean consumed(AttendanceStatus status);

    static ConflictException noRule(AttendanceStatus status) {
        return new ConflictException(409, "班课课消规则（确定班课是否课消）没有适用于“" + status.label()
                + "”的规则，请流程负责人补充规则后再点名");
    }

    static ConflictException unreadable(RuntimeException cause) {
        return new ConflictException(409, "班课课消规则（确定班课是否课消）无法执行：" + cause.getMessage());
    }
}
