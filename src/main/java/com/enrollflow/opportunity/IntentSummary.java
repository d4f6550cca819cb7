package com.enrollflow.opportunity;

import java.util.ArrayList;
import java.util.List;

import com.enrollflow.common.Coded;
import com.enrollflow.reference.Grade;
import com.enrollflow.reference.Subject;

/**
 * What the call centre learnt of the family's intent (了解客户意向), in the words a consultant reads before calling:
 * "初二 · 数学 · 预算 3万元以上 · 开课时间 两周内", then the study goal and habits on lines of their own. Unanswered parts are
 * left out; nothing at all reads 暂无意向信息.
 */
public final class IntentSummary {

    private IntentSummary() {
    }

    public static String of(Opportunity o) {
        return summary(o, true);
    }

    /**
     * What the teacher who gives the placement test (登记入学测试) needs: grade, subject, goal and habits, without the
     * family's budget and start plan, which are the sale's business: "初二 · 数学", then 学习目标 and 学习习惯.
     */
    public static String forTeacher(Opportunity o) {
        return summary(o, false);
    }

    private static String summary(Opportunity o, boolean sales) {
        List<String> facts = new ArrayList<>();
        Coded.parse(Grade.class, o.grade()).ifPresent(g -> facts.add(g.label()));
        Coded.parse(Subject.class, o.subject()).ifPresent(s -> facts.add(s.label()));
        if (sales) {
            Coded.parse(Budget.class, o.budget()).ifPresent(b -> facts.add("预算 " + b.label()));
            Coded.parse(StartPlan.class, o.startPlan()).ifPresent(p -> facts.add("开课时间 " + p.label()));
        }
        List<String> lines = new ArrayList<>();
        if (!facts.isEmpty()) {
            lines.add(String.join(" · ", facts));
        }
        if (o.goal() != null && !o.goal().isBlank()) {
            lines.add("学习目标：" + o.goal().strip());
        }
        if (o.studyHabits() != null && !o.studyHabits().isBlank()) {
            lines.add("学习习惯：" + o.studyHabits().strip());
        }
        return lines.isEmpty() ? "暂无意向信息" : String.join("\n", lines);
    }
}
