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

    /** The activity counts (分配活动量) of distribution, in the order reports show them. */
    public enum Activity {
        RECEIVED("接待量"), ASSIGNED("分配量"), RETURNED("退回量"), RECYCLED("回收量"), CLOSED("关单量"), WON("成单量");

        private final String label;

        Activity(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** Whether the person counted is the one it reached (接待, 分配) rather than the one it left. */
        public boolean reachesPerson() {
            return this == RECEIVED || this == ASSIGNED;
        }
    }

    /** Which activity count this event adds to; null for events that are no hand-over (warnings, first contact). */
    public Activity activity() {
        return switch (this) {
            case ROUTED -> Activity.RECEIVED;
            case ASSIGNED, DESIGNATED, CLAIMED, HANDED_OVER -> Activity.ASSIGNED;
            case RETURNED -> Activity.RETURNED;
            case RECYCLED_UNHANDLED, RECYCLED_NOT_CONVERTED -> Activity.RECYCLED;
            case CLOSED -> Activity.CLOSED;
            case WON -> Activity.WON;
            default -> null;
        };
    }
}
