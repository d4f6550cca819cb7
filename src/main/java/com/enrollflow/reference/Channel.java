package com.enrollflow.reference;

/** Where a lead came from (线索来源渠道), the channels of DOMAIN.md. */
public enum Channel implements Coded {
    PHONE("电话接访"),
    ONLINE_CHAT("在线接访"),
    WEB_FORM("在线自主留存"),
    WALK_IN("直访"),
    CAMPAIGN("市场活动"),
    PARTNER("渠道合作"),
    REFERRAL("转介绍"),
    TRANSFER("其他业务部门转入");

    private final String label;

    Channel(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
