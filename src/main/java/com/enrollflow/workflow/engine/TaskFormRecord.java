package com.enrollflow.workflow.engine;

import org.camunda.bpm.engine.delegate.DelegateTask;

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
}
