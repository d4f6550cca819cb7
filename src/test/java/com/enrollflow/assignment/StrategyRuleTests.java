package com.enrollflow.assignment;

import static org.assertj.core.api.Assertions.*;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Reading a row of the strategy table: what each cell means, and a clear Chinese refusal, naming the strategy's row
 * and the column, for a value the distribution cannot mean (never a silent fallback).
 */
class StrategyRuleTests {

    private static Map<String, Object> row(Object handout, Object order1, Object order2, Object skip, Object prefer) {
        Map<String, Object> outputs = new HashMap<>();
        outputs.put("handout", handout);
        outputs.put("order1", order1);
        outputs.put("order2", order2);
        outputs.put("skipPreviousOwners", skip);
        outputs.put("preferFirstOwner", prefer);
        return outputs;
    }

    @Test
    void shouldReadTheOrderColumnsInTurnAndAnEmptyFlagAsNo() {
        StrategyRule rule = StrategyRule.fromTable(AssignmentStrategy.BATCH_AVERAGE,
                row("ASSIGN", "本批次已分配数少者优先", " 在跟商机数少者优先 ", null, null));
        assertThat(rule.handout()).isEqualTo(Choice.Outcome.ASSIGN);
        assertThat(rule.order()).containsExactly(CandidateOrder.FEWEST_IN_BATCH, CandidateOrder.FEWEST_OPEN);
        assertThat(rule.skipPreviousOwners()).isFalse();
        assertThat(rule.preferFirstOwner()).isFalse();
        assertThat(StrategyRule.fromTable(AssignmentStrategy.ROUND_ROBIN_CLAIM, Map.of("handout", "TEAM_POOL")).order())
                .isEmpty();
    }

    @Test
    void shouldRefuseAnUnknownHandoutNamingTheRowTheColumnAndTheChoices() {
        assertThatIllegalStateException().isThrownBy(() -> StrategyRule.fromTable(AssignmentStrategy.FEWEST_OPEN,
                row("分配", "在跟商机数少者优先", null, false, false)))
                .withMessage("人员分配策略表（assignment-strategy.dmn）中策略“平均分批（FEWEST_OPEN）”的规则，“分配方式”是“分配”，"
                        + "不是可选值：ASSIGN（系统分配给成员）、TEAM_POOL（放入团队池由成员领取）、SUPERVISOR（主管指定）。"
                        + "请在 Camunda Modeler 中改正并重新部署，然后重试");
        assertThatIllegalStateException().isThrownBy(() -> StrategyRule.fromTable(AssignmentStrategy.FEWEST_OPEN,
                row(null, "在跟商机数少者优先", null, false, false))).withMessageContaining("“分配方式”为空");
    }

    @Test
    void shouldRefuseAnUnknownOrderListingTheKnownOnes() {
        assertThatIllegalStateException().isThrownBy(() -> StrategyRule.fromTable(AssignmentStrategy.BATCH_AVERAGE,
                row("ASSIGN", "本批次已分配数少者优先", "最近的优先", false, false)))
                .withMessageContaining("策略“批次平均（BATCH_AVERAGE）”的规则，“第二排序”是“最近的优先”，不是可选值：在跟商机数少者优先、"
                        + "本批次已分配数少者优先、按能力折算负荷低者优先、转化率高者优先、最久未分配者优先");
    }

    @Test
    void shouldRefuseAnAssignRowThatDoesNotSayWhoComesFirst() {
        assertThatIllegalStateException().isThrownBy(() -> StrategyRule.fromTable(AssignmentStrategy.FEWEST_OPEN,
                row("ASSIGN", "", "在跟商机数少者优先", false, false)))
                .withMessageContaining("“第一排序”为空：分配方式为 ASSIGN 时必须写明谁优先");
    }

    @Test
    void shouldRefuseSkippingPastOwnersAndPreferringTheFirstOwnerAtOnce() {
        assertThatIllegalStateException().isThrownBy(() -> StrategyRule.fromTable(AssignmentStrategy.NEVER_SAME_PERSON,
                row("ASSIGN", "在跟商机数少者优先", null, true, true)))
                .withMessageContaining("“优先原负责人”与“跳过曾跟进过的成员”同时为 true");
    }

    @Test
    void shouldRefuseAFlagThatIsNotTrueOrFalseAndAnOrderThatIsNotText() {
        assertThatIllegalStateException().isThrownBy(() -> StrategyRule.fromTable(AssignmentStrategy.FEWEST_OPEN,
                row("ASSIGN", "在跟商机数少者优先", null, "是", false)))
                .withMessageContaining("“跳过曾跟进过的成员”是“是”，可选值：true（是）、false（否）");
        assertThatIllegalStateException().isThrownBy(() -> StrategyRule.fromTable(AssignmentStrategy.FEWEST_OPEN,
                row("ASSIGN", 1, null, false, false))).withMessageContaining("“第一排序”是“1”，应为带引号的文字");
    }

    @Test
    void shouldNameTheStrategyWhenTheTableHasNoRuleForIt() {
        assertThat(StrategyRule.noRule(AssignmentStrategy.ABILITY_AVERAGE, true))
                .hasMessageStartingWith("人员分配策略表（assignment-strategy.dmn）中没有适用于策略“按能力+平均（ABILITY_AVERAGE）”（重新分配）的规则");
    }
}
