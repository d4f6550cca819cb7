package com.enrollflow.pricing;

/** Where a quote stands (报价状态). SUPERSEDED and ACCEPTED are final. */
public enum QuoteStatus {
    DRAFT("草稿"),
    PENDING_APPROVAL("待审批"),
    APPROVED("已批准"),
    REJECTED("已驳回"),
    SUPERSEDED("已作废（有新报价）"),
    ACCEPTED("客户已接受");

    private final String label;

    QuoteStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** A newer quote of the same opportunity replaces a quote in this status. */
    public boolean open() {
        return this == DRAFT || this == PENDING_APPROVAL || this == REJECTED;
    }

    public boolean isFinal() {
        return this == SUPERSEDED || this == ACCEPTED;
    }
}
