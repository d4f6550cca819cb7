package com.enrollflow.assignment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one row of the table bpmn/assignment-strategy.dmn (人员分配策略) says a team's strategy does: how the lead
 * is handed out, in which order members are ranked, whether past owners are skipped, whether the first owner gets
 * it back. {@link #fromTable} reads the row's outputs and refuses any value it cannot mean, naming the cell.
 *
 * @param handout ASSIGN (to the first member in {@code order}), TEAM_POOL (members claim) or SUPERVISOR
 * @param order the ranking, most important first; the fair tie-break (longest wait, then user id) always follows
 */
public record StrategyRule(Choice.Outcome handout, List<CandidateOrder> order, boolean skipPreviousOwners,
        boolean preferFirstOwner) {

    /** The decision key of the table, and how messages name it. */
    public static final String DECISION_KEY = "assignmentStrategy";
    static final String TABLE = "人员分配策略表（assignment-strategy.dmn）";

    /** Input and output names of the table's columns. */
    public static final String STRATEGY = "strategy";
    public static final String REDISTRIBUTION = "redistribution";
    static final String HANDOUT = "handout";
    static final List<String> ORDER_COLUMNS = List.of("order1", "order2", "order3");
    static final String SKIP_PREVIOUS_OWNERS = "skipPreviousOwners";
    static final String PREFER_FIRST_OWNER = "preferFirstOwner";

    private static final Map<String, String> COLUMN_LABELS = Map.of(HANDOUT, "分配方式", "order1", "第一排序",
            "order2", "第二排序", "order3", "第三排序", SKIP_PREVIOUS_OWNERS, "跳过曾跟进过的成员",
            PREFER_FIRST_OWNER, "优先原负责人");
    private static final String HANDOUT_VALUES = "ASSIGN（系统分配给成员）、TEAM_POOL（放入团队池由成员领取）、SUPERVISOR（主管指定）";

    public StrategyRule {
        order = List.copyOf(order);
    }

    /**
     * The rule from the outputs of the table's matching row, by output name; an empty cell is absent or null.
     * Throws {@link IllegalStateException} with a Chinese message naming the strategy's row, the column and the
     * allowed values: the distribution then stops visibly (an incident, or a refused task) instead of guessing.
     */
    public static StrategyRule fromTable(AssignmentStrategy strategy, Map<String, ?> outputs) {
        Choice.Outcome handout = handout(strategy, outputs.get(HANDOUT));
        List<CandidateOrder> order = new ArrayList<>();
        for (String column : ORDER_COLUMNS) {
            String text = text(strategy, column, outputs.get(column));
            if (text != null) {
                order.add(CandidateOrder.byLabel(text).orElseThrow(() -> problem(strategy, column, "是“" + text
                        + "”，不是可选值：" + Arrays.stream(CandidateOrder.values()).map(CandidateOrder::label)
                                .collect(Collectors.joining("、")))));
            }
        }
        if (handout == Choice.Outcome.ASSIGN
                && text(strategy, ORDER_COLUMNS.get(0), outputs.get(ORDER_COLUMNS.get(0))) == null) {
            throw problem(strategy, ORDER_COLUMNS.get(0), "为空：分配方式为 ASSIGN 时必须写明谁优先，例如“"
                    + CandidateOrder.FEWEST_OPEN.label() + "”");
        }
        boolean skip = flag(strategy, SKIP_PREVIOUS_OWNERS, outputs.get(SKIP_PREVIOUS_OWNERS));
        boolean prefer = flag(strategy, PREFER_FIRST_OWNER, outputs.get(PREFER_FIRST_OWNER));
        if (skip && prefer) {
            throw problem(strategy, PREFER_FIRST_OWNER, "与“跳过曾跟进过的成员”同时为 true：首位负责人也跟进过此商机，"
                    + "两者只能选一个");
        }
        return new StrategyRule(handout, order, skip, prefer);
    }

    /** No row of the table matched the team's strategy (a row deleted, or a strategy the table does not know). */
    public static IllegalStateException noRule(AssignmentStrategy strategy, boolean redistribution) {
        return new IllegalStateException(TABLE + "中没有适用于" + name(strategy) + (redistribution ? "（重新分配）"
                : "（首次分配）") + "的规则：请在 Camunda Modeler 中为该策略加一条规则并重新部署，然后重试");
    }

    /** The table could not be evaluated at all (not deployed, two rows match, a cell is not a valid expression). */
    public static IllegalStateException unreadable(AssignmentStrategy strategy, RuntimeException cause) {
        return new IllegalStateException(TABLE + "无法为" + name(strategy) + "给出结果（" + cause.getMessage()
                + "）：请在 Camunda Modeler 中检查该表（每种策略只能有一条规则匹配）并重新部署，然后重试", cause);
    }

    private static Choice.Outcome handout(AssignmentStrategy strategy, Object value) {
        String text = text(strategy, HANDOUT, value);
        if (text == null) {
            throw problem(strategy, HANDOUT, "为空，可选值：" + HANDOUT_VALUES);
        }
        return Arrays.stream(Choice.Outcome.values()).filter(o -> o.name().equals(text)).findFirst()
                .orElseThrow(() -> problem(strategy, HANDOUT, "是“" + text + "”，不是可选值：" + HANDOUT_VALUES));
    }

    private static String text(AssignmentStrategy strategy, String column, Object value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw problem(strategy, column, "是“" + value + "”，应为带引号的文字");
        }
        return s.trim();
    }

    /** An empty cell is 否 (false). */
    private static boolean flag(AssignmentStrategy strategy, String column, Object value) {
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean b)) {
            throw problem(strategy, column, "是“" + value + "”，可选值：true（是）、false（否）");
        }
        return b;
    }

    private static IllegalStateException problem(AssignmentStrategy strategy, String column, String what) {
        return new IllegalStateException(TABLE + "中" + name(strategy) + "的规则，“" + COLUMN_LABELS.get(column)
                + "”" + what + "。请在 Camunda Modeler 中改正并重新部署，然后重试");
    }

    private static String name(AssignmentStrategy strategy) {
        return "策略“" + strategy.label() + "（" + strategy.name() + "）”";
    }
}
