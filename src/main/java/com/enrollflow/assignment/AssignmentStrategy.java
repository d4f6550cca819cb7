package com.enrollflow.assignment;

import com.enrollflow.common.CodeName;
import com.enrollflow.common.Coded;

/** The team's rule for choosing a person (DOMAIN.md's seven strategies, one per team). */
@CodeName("分配策略")
public enum AssignmentStrategy implements Coded {
    /** 主管指定: the supervisor designates. */
    SUPERVISOR_DESIGNATES("主管指定"),
    /** 平均分批: fewest open, unclosed opportunities first. */
    FEWEST_OPEN("平均分批"),
    /** 批次平均: the current batch (the campus's day) is dealt out evenly. */
    BATCH_AVERAGE("批次平均"),
    /** 轮询申领: nobody is pushed a lead; it waits in the team pool and members claim. */
    ROUND_ROBIN_CLAIM("轮询申领"),
    /** 按能力+平均: leads in proportion to conversion rate, then by load. */
    ABILITY_AVERAGE("按能力+平均"),
    /** 不重复分配: reassignment skips everyone who owned the opportunity before. */
    NEVER_SAME_PERSON("不重复分配"),
    /** 回收后分配原人: after a recycle or return, back to the first owner. */
    BACK_TO_SAME_PERSON("回收后分配原人");

    private final String label;

    AssignmentStrategy(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
