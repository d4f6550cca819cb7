package com.enrollflow.assignment;

/** What happened to an opportunity's ownership (assignment_event.kind), with the text supervisors read. */
public enum AssignmentEventKind {
    ROUTED("分配到团队"),
    ASSIGNED("按策略分配"),
    DESIGNATED("主管指定"),
    TEAM_POOL("放入团队池"),
    TO_SUPERVISOR("待主管指定"),
    CLAIMED("领取"),
    PUBLIC_POOL("移入公海"),
    FIRST_CONTACT("首次联系"),
    WARNED("回收预警"),
    RECYCLED_UNHANDLED("未处理回收"),
    RECYCLED_NOT_CONVERTED("未转化回收"),
    RETURNED("退回"),
    HANDED_OVER("离职转交"),
    EXEMPT("免回收设置"),
    CLOSED("关单"),
    WON("成单");

    private final String label;

    AssignmentEventKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
