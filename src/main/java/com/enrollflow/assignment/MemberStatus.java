package com.enrollflow.assignment;

import com.enrollflow.common.CodeName;
import com.enrollflow.common.Coded;

/** A member's standing in the team (在职 / 休假 / 离职). */
@CodeName("成员状态")
public enum MemberStatus implements Coded {
    ACTIVE("在职"),
    ON_LEAVE("休假"),
    LEFT("离职");

    private final String label;

    MemberStatus(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
