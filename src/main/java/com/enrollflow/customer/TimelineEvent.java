package com.enrollflow.customer;

/** Kinds of timeline entries, with the Chinese text staff read. */
public enum TimelineEvent {
    LEAD_RECEIVED("收到线索"),
    REPEAT_ENQUIRY("客户再次咨询"),
    REPEAT_ENQUIRY_HANDLED("已跟进再次咨询"),
    CONTACT_FAILED("联系未接通"),
    MARKED_VALID("信息有效"),
    CLOSED_INVALID("关闭：无效线索"),
    CLOSED_NOT_CONVERTED("关闭：无意向"),
    INTENT_CONFIRMED("意向已确认"),
    SPLIT("拆分商机"),
    ASSIGNED("分配给课程顾问");

    private final String label;

    TimelineEvent(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
