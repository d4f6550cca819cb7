package com.enrollflow.workflow;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.BadUserRequestException;

import com.enrollflow.common.FieldProblem;
import com.enrollflow.common.InvalidInputException;

/**
 * Our own refusal of what a form or a task action submitted: the fields and their problems, or one plain reason.
 * Thrown from listeners and delegates; the engine wraps what a listener throws ("ENGINE-03051 …"), and
 * {@link com.enrollflow.workflow.engine.FormRefusals} finds this in the cause chain and rethrows it unwrapped, the fields named by their form labels.
 */
public class InputRefusal extends BadUserRequestException {

    public static final String PREFIX = "提交内容有误：";

    private final List<FieldProblem> problems;

    private InputRefusal(String message, List<FieldProblem> problems) {
        super(message);
        this.problems = problems;
    }

    /** Bad fields, named by their variable keys until {@link com.enrollflow.workflow.engine.FormRefusals} names them as the form does. */
    public static InputRefusal of(InvalidInputException e) {
        return of(e.problems());
    }

    public static InputRefusal of(List<FieldProblem> problems) {
        return new InputRefusal(message(problems, UnaryOperator.identity()), List.copyOf(problems));
    }

    /** A refusal that belongs to no single field, worded in full, e.g. "无法领取：已达到领取上限". */
    public static InputRefusal because(String message) {
        return new InputRefusal(message, List.of());
    }

    /** A refused submission whose reason belongs to no single field, e.g. 提交内容有误：此级审批已有人处理. */
    public static InputRefusal submission(String reason) {
        return because(PREFIX + reason);
    }

    /** The same refusal with each field named by {@code label} (e.g. paymentAmount → 实收金额). */
    public String message(UnaryOperator<String> label) {
        return problems.isEmpty() ? getMessage() : message(problems, label);
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    /** 提交内容有误：实收金额：不能超过应收 ¥3,200.00；付款方式：必填 */
    private static String message(List<FieldProblem> problems, UnaryOperator<String> label) {
        return PREFIX + problems.stream().map(p -> label.apply(p.field()) + "：" + p.message())
                .collect(Collectors.joining("；"));
    }
}
