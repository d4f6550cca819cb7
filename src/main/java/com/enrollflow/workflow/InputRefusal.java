package com.enrollflow.workflow;

import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
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
    private final Map<String, Choices> choices;

    /** A refusal that belongs to no single field (a subclass says why it is thrown). */
    protected InputRefusal(String message) {
        this(message, List.of(), Map.of());
    }

    private InputRefusal(String message, List<FieldProblem> problems, Map<String, Choices> choices) {
        super(message);
        this.problems = problems;
        this.choices = choices;
    }

    /**
     * A field that takes one of a few codes, and what is wrong with it ("必填", "未知的值“X”"): the refusal lists the
     * codes, and a form that labels them lets {@link #problems(UnaryOperator, BinaryOperator)} list them as staff
     * saw them (已联系上，信息正确（REACHED）).
     */
    public record Choices(String problem, List<String> codes) {

        public Choices {
            codes = List.copyOf(codes);
        }

        String message(UnaryOperator<String> label) {
            return problem + "，可选值：" + String.join("、", codes.stream().map(label).toList());
        }

        /** Without the form's labels: the codes alone. */
        public String message() {
            return message(UnaryOperator.identity());
        }
    }

    /** Bad fields, named by their variable keys until {@link com.enrollflow.workflow.engine.FormRefusals} names them as the form does. */
    public static InputRefusal of(InvalidInputException e) {
        return of(e.problems());
    }

    public static InputRefusal of(List<FieldProblem> problems) {
        return of(problems, Map.of());
    }

    /** Bad fields, some of which take one of a few codes ({@code choices} by field). */
    public static InputRefusal of(List<FieldProblem> problems, Map<String, Choices> choices) {
        return new InputRefusal(message(problems), List.copyOf(problems), Map.copyOf(choices));
    }

    /** A refusal that belongs to no single field, worded in full, e.g. "无法领取：已达到领取上限". */
    public static InputRefusal because(String message) {
        return new InputRefusal(message, List.of(), Map.of());
    }

    /** A refused submission whose reason belongs to no single field, e.g. 提交内容有误：此级审批已有人处理. */
    public static InputRefusal submission(String reason) {
        return because(PREFIX + reason);
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    /**
     * The same problems as the form names them: each field by {@code label} (paymentAmount → 实收金额), each code a
     * field takes by {@code choice} (field, code → its label in the form, or null) with the code beside it.
     */
    public List<FieldProblem> problems(UnaryOperator<String> label, BinaryOperator<String> choice) {
        return problems.stream().map(p -> {
            Choices c = choices.get(p.field());
            String message = c == null || !c.message().equals(p.message()) ? p.message() : c.message(code -> {
                String shown = choice.apply(p.field(), code);
                return shown == null ? code : shown + "（" + code + "）";
            });
            return new FieldProblem(label.apply(p.field()), message);
        }).toList();
    }

    /** 提交内容有误：实收金额：不能超过应收 ¥3,200.00；付款方式：必填 */
    public static String message(List<FieldProblem> problems) {
        return PREFIX + problems.stream().map(p -> p.field() + "：" + p.message()).collect(Collectors.joining("；"));
    }
}
