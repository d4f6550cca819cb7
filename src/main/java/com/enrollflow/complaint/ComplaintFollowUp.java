package com.enrollflow.complaint;

import java.util.List;

import com.enrollflow.common.CodeName;
import com.enrollflow.common.Coded;

/** What 处理投诉 starts besides the resolution (后续处理): nothing, a refund request or a teacher change. */
@CodeName("后续处理")
public enum ComplaintFollowUp implements Coded {
    NONE("无需后续处理"),
    REFUND("发起退费"),
    TEACHER_CHANGE("更换教师");

    private final String label;

    ComplaintFollowUp(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public List<String> aliases() {
        return switch (this) {
            case NONE -> List.of("无");
            case REFUND -> List.of("退费");
            case TEACHER_CHANGE -> List.of("换老师", "更换老师", "发起更换教师");
        };
    }
}
