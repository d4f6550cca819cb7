package com.enrollflow.workflow.engine;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;

import com.enrollflow.reference.StaffRole;
import com.enrollflow.workflow.Actors;

/**
 * What the user who completes a task is told once its form is stored, when the task made something they pass on: a
 * receipt number, a refund paid, the next approver (decision 651). Written by the task's complete listener, which
 * stores the form's values, in the same transaction: a refused form tells nothing.
 */
public final class TaskFormRecord {

    /** Task-local: the sentence, in Chinese (Tasklist shows it after 完成, FormResultResource). */
    public static final String RESULT = "taskResult";
    /** Task-local: the user it is for, the one who completed the task (only they read it back). */
    public static final String RESULT_FOR = "taskResultFor";

    private TaskFormRecord() {
    }

    /** Tells the user completing {@code task} {@code text} ("收据 SJ-BJ-HD-2026-000123；未付余额 ¥0.00。"). */
    public static void told(DelegateTask task, String text) {
        task.setVariableLocal(RESULT, StartFormRecord.sentence(text));
        task.setVariableLocal(RESULT_FOR, Actors.of(task));
    }

    /**
     * 您已同意第 1 级，待校区校长审批（共 3 级）: what the approver of level {@code levelNo} (from 0) of a multi-level
     * approval ({@code levels}: each level's group, 审批优惠 and 审批退费 alike) is told while a later level decides.
     */
    public static String passedOn(int levelNo, List<String> levels) {
        return "您已同意第 " + (levelNo + 1) + " 级，待" + StaffRole.labelOf(levels.get(levelNo + 1)) + "审批（共 "
                + levels.size() + " 级）";
    }
}
