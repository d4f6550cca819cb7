package com.enrollflow.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.enrollflow.quality.QualityPolicy;
import com.enrollflow.workflow.engine.ParsedFeel;

/**
 * The DMN tables in bpmn/, read from the file a process owner edits, evaluated without the process engine but with
 * the DMN engine configuration it runs (FEEL texts parsed once, {@link ParsedFeel}): each table's texts are evaluated
 * again and again here, from the cache after the first time.
 */
class DecisionTablesTests {

    private static final DmnEngine DMN = ParsedFeel.dmnEngineConfiguration().buildEngine();

    @ParameterizedTest(name = "after {0} failed attempts wait {1}")
    @CsvSource(nullValues = "none", value = {"1, PT4H", "2, P1D", "3, P2D", "4, none", "7, none"})
    void contactRetryWaitsLongerEachTimeThenGivesUp(int attempts, String expectedDelay) throws IOException {
        DmnDecisionResult result = evaluate("contact-retry.dmn", "contactRetry", Map.of("contactAttempts", attempts));
        assertThat((String) result.getSingleEntry()).isEqualTo(expectedDelay);
    }

    @ParameterizedTest(name = "{0} / {1} / {2} -> {3}")
    @CsvSource({
            "WITHIN_2_WEEKS, OVER_30K,        PHONE,    HIGH",
            "WITHIN_2_WEEKS, FROM_5K_TO_15K,  CAMPAIGN, HIGH",
            "WITHIN_2_WEEKS, UNDER_5K,        PHONE,    MEDIUM",
            "WITHIN_MONTH,   UNKNOWN,         REFERRAL, HIGH",
            "WITHIN_MONTH,   FROM_15K_TO_30K, PHONE,    HIGH",
            "WITHIN_MONTH,   FROM_5K_TO_15K,  PHONE,    MEDIUM",
            "WITHIN_TERM,    OVER_30K,        PHONE,    MEDIUM",
            "UNDECIDED,      FROM_15K_TO_30K, REFERRAL, MEDIUM",
            "WITHIN_TERM,    FROM_5K_TO_15K,  PHONE,    LOW",
            "UNDECIDED,      UNKNOWN,         WEB_FORM, LOW"})
    void intentLevelFollowsStartPlanBudgetAndChannel(String startPlan, String budget, String channel, String level)
            throws IOException {
        DmnDecisionResult result = evaluate("intent-level.dmn", "intentLevel",
                Map.of("startPlan", startPlan, "budget", budget, "channel", channel));
        assertThat((String) result.getSingleResult().getEntry("suggestedIntentLevel")).isEqualTo(level);
        assertThat((String) result.getSingleResult().getEntry("suggestionReason")).isNotBlank();
    }

    @ParameterizedTest(name = "{0} at {1} -> {2}")
    @CsvSource(nullValues = "none", value = {
            "ONE_ON_ONE, BJ-HD, BJHD1V1", "CLASS, BJ-HD, BJHDCLASS", "ONE_ON_ONE, BJ-CY, BJCY1V1",
            "CLASS, BJ-CY, BJCYCLASS", "ONE_ON_ONE, SH-PD, SHPD1V1", "CLASS, SH-PD, SHPDCLASS",
            "ONE_ON_ONE, SH-XH, SHXH1V1", "CLASS, SH-XH, SHXHCLASS", "ONE_ON_ONE, GZ-TH, none", "CLASS, none, none"})
    void teamRoutingPicksTheSalesTeamOfProductLineAndCampus(String productLine, String campus, String team)
            throws IOException {
        java.util.HashMap<String, Object> input = new java.util.HashMap<>();
        input.put("productLine", productLine);
        input.put("campus", campus);
        DmnDecisionResult result = evaluate("team-routing.dmn", "teamRouting", input);
        assertThat((String) result.getSingleEntry()).isEqualTo(team);
    }

    @ParameterizedTest(name = "{0} / {1}: first contact {2}, warn {3}, progress {4}, warn {5}, public pool after {6}")
    @CsvSource({
            "BJHD1V1,   ONE_ON_ONE, PT24H, PT20H, P7D, P6D, 2",
            "SHXHCLASS, CLASS,      PT24H, PT20H, P7D, P6D, 2",
            "BJCYCLASS, CLASS,      PT4H,  PT3H,  P3D, P2D, 2"})
    void recycleLimitsHaveTeamRulesAboveTheDefaults(String team, String productLine, String firstContact,
            String firstContactWarn, String progress, String progressWarn, int publicPoolAfter) throws IOException {
        var result = evaluate("recycle-limits.dmn", "recycleLimits", Map.of("teamId", team, "productLine", productLine))
                .getFirstResult();
        assertThat((String) result.getEntry("firstContactLimit")).isEqualTo(firstContact);
        assertThat((String) result.getEntry("firstContactWarnAfter")).isEqualTo(firstContactWarn);
        assertThat((String) result.getEntry("progressLimit")).isEqualTo(progress);
        assertThat((String) result.getEntry("progressWarnAfter")).isEqualTo(progressWarn);
        assertThat(((Number) result.getEntry("publicPoolAfterRecycles")).intValue()).isEqualTo(publicPoolAfter);
        // the warning must come before the limit, or the owner is never warned
        assertThat(java.time.Duration.parse(firstContactWarn)).isLessThan(java.time.Duration.parse(firstContact));
        assertThat(java.time.Duration.parse(progressWarn)).isLessThan(java.time.Duration.parse(progress));
    }

    @org.junit.jupiter.api.Test
    void recycleLimitsHaveADefaultForATeamWithoutItsOwnRule() throws IOException {
        java.util.HashMap<String, Object> input = new java.util.HashMap<>();
        input.put("teamId", null);
        input.put("productLine", "CLASS");
        assertThat((String) evaluate("recycle-limits.dmn", "recycleLimits", input).getFirstResult()
                .getEntry("firstContactLimit")).isEqualTo("PT24H");
    }

    @ParameterizedTest(name = "{0} % and {1} CNY -> {2}")
    @CsvSource(delimiter = ';', value = {
            "0; 0; ", "5; 500; ", "5; 2000; ", "5.01; 100; salesSupervisor", "4; 2000.01; salesSupervisor",
            "15; 1000; salesSupervisor", "15; 8000; salesSupervisor", "15.01; 100; salesSupervisor+campusDirector",
            "10; 8000.01; salesSupervisor+campusDirector", "3; 9000; salesSupervisor+campusDirector",
            "40; 20000; salesSupervisor+campusDirector"})
    void discountApprovalLevelsRiseWithPercentageAndAmountInOrder(double percent, double amount, String levels)
            throws IOException {
        DmnDecisionResult result = evaluate("discount-approval-levels.dmn", "discountApprovalLevels",
                Map.of("discountPercent", percent, "discountAmount", amount));
        java.util.List<Object> collected = result.collectEntries("approvalLevel");
        assertThat(collected).containsExactlyElementsOf(levels == null ? java.util.List.of()
                : java.util.List.of(levels.split("\\+")));
    }

    @ParameterizedTest(name = "{0} at {1} -> {2}")
    @CsvSource({"CLASS, BJ-CY, FIRST_TOUCH", "ONE_ON_ONE, BJ-CY, EVEN_SPLIT", "ONE_ON_ONE, SH-PD, EVEN_SPLIT",
            "CLASS, BJ-HD, LAST_TOUCH", "CLASS, SH-XH, LAST_TOUCH"})
    void creditPolicyIsChosenPerProductLineAndCampus(String productLine, String campus, String policy)
            throws IOException {
        DmnDecisionResult result = evaluate("credit-policy.dmn", "creditPolicy",
                Map.of("productLine", productLine, "campus", campus));
        assertThat((String) result.getFirstResult().getSingleEntry()).isEqualTo(policy);
    }

    @ParameterizedTest(name = "{0}, notice {1} h -> consumed {2}, rebook {3} by {4}")
    @CsvSource(nullValues = "none", value = {
            "ATTENDED,       none, true,  false, none",
            "LEAVE,          24,   false, true,  academicAffairs",
            "LEAVE,          72,   false, true,  academicAffairs",
            "LEAVE,          23,   true,  false, none",
            "LEAVE,          0,    true,  false, none",
            "ABSENT,         none, true,  false, none",
            "TEACHER_ABSENT, none, false, true,  academicAffairs"})
    void lessonConsumptionFollowsTheDefaultPolicy(String attendance, Integer noticeHours, boolean consumed,
            boolean rebook, String rebookBy) throws IOException {
        Map<String, Object> input = new java.util.HashMap<>();
        input.put("attendance", attendance);
        input.put("noticeHours", noticeHours);
        var row = evaluate("lesson-consumption.dmn", "lessonConsumption", input).getFirstResult();
        assertThat(row.<Boolean>getEntry("consumed")).isEqualTo(consumed);
        assertThat(row.<Boolean>getEntry("rebook")).isEqualTo(rebook);
        Object by = row.getEntryMap().get("rebookBy");
        assertThat(by == null || by.toString().isBlank() ? null : by.toString()).isEqualTo(rebookBy);
    }

    @ParameterizedTest(name = "class roll call: {0} -> consumed {1}")
    @CsvSource({"ATTENDED, true", "LEAVE, false", "ABSENT, true"})
    void classConsumptionKeepsALessonOnLeaveOnTheContract(String attendance, boolean consumed) throws IOException {
        var row = evaluate("class-consumption.dmn", "classConsumption", Map.of("attendance", attendance))
                .getFirstResult();
        assertThat(row.<Boolean>getEntry("consumed")).isEqualTo(consumed);
    }

    @org.junit.jupiter.api.Test
    void classConsumptionHasNoRuleForATeachersAbsence() throws IOException {
        // a class without its teacher was not held: nobody is marked, so the table need not say
        assertThat(evaluate("class-consumption.dmn", "classConsumption", Map.of("attendance", "TEACHER_ABSENT"))
                .isEmpty()).isTrue();
    }

    @ParameterizedTest(name = "{0} after {1} lessons: no fee in the demo policy")
    @CsvSource({"PERSONAL, 0", "TEACHING, 12", "RELOCATION, 30", "SCHEDULE, 1", "OTHER, 59"})
    void refundFeesAreNoneInTheDemoPolicy(String reason, int consumedLessons) throws IOException {
        var row = evaluate("refund-fees.dmn", "refundFees", Map.of("reason", reason, "consumedLessons", consumedLessons))
                .getFirstResult();
        assertThat(((Number) row.getEntry("feePercent")).doubleValue()).isZero();
        assertThat((String) row.getEntry("feeName")).isEqualTo("无手续费");
    }

    @ParameterizedTest(name = "{0}: at most {1} lessons or {2} months of lessons per payment")
    @CsvSource(nullValues = "none", value = {"北京, 60, 3", "上海, 60, 3", "广州, 60, 3", "none, 60, 3"})
    void collectionLimitIsSixtyLessonsOrThreeMonthsInEveryCityByDefault(String city, int maxLessons, int maxMonths)
            throws IOException {
        Map<String, Object> input = new java.util.HashMap<>();
        input.put("city", city);
        var row = evaluate("collection-limit.dmn", "collectionLimit", input).getFirstResult();
        assertThat(((Number) row.getEntry("maxLessons")).intValue()).isEqualTo(maxLessons);
        assertThat(((Number) row.getEntry("maxMonths")).intValue()).isEqualTo(maxMonths);
    }

    @org.junit.jupiter.api.Test
    void lessonConsumptionHasNoRuleForAnUnknownAttendance() throws IOException {
        Map<String, Object> input = new java.util.HashMap<>();
        input.put("attendance", "LATE");
        input.put("noticeHours", null);
        assertThat(evaluate("lesson-consumption.dmn", "lessonConsumption", input).isEmpty()).isTrue();
    }

    @ParameterizedTest(name = "{0}: {1}, order {2} / {3}, skip past owners {4}, first owner first {5}")
    @CsvSource(nullValues = "none", value = {
            "SUPERVISOR_DESIGNATES, SUPERVISOR, none,                   none,           false, false",
            "FEWEST_OPEN,           ASSIGN,     在跟商机数少者优先,       none,           false, false",
            "BATCH_AVERAGE,         ASSIGN,     本批次已分配数少者优先,    在跟商机数少者优先, false, false",
            "ROUND_ROBIN_CLAIM,     TEAM_POOL,  none,                   none,           false, false",
            "ABILITY_AVERAGE,       ASSIGN,     按能力折算负荷低者优先,    none,           false, false",
            "NEVER_SAME_PERSON,     ASSIGN,     在跟商机数少者优先,       none,           true,  false",
            "BACK_TO_SAME_PERSON,   ASSIGN,     在跟商机数少者优先,       none,           false, true"})
    void assignmentStrategyHasOneRowPerStrategySayingHowTheLeadIsHandedOut(String strategy, String handout,
            String order1, String order2, boolean skipPreviousOwners, boolean preferFirstOwner) throws IOException {
        for (boolean redistribution : new boolean[] {false, true}) {
            java.util.HashMap<String, Object> input = new java.util.HashMap<>();
            input.put("strategy", strategy);
            input.put("redistribution", redistribution);
            DmnDecisionResult result = evaluate("assignment-strategy.dmn", "assignmentStrategy", input);
            assertThat(result).as("exactly one row (hit policy UNIQUE)").hasSize(1);
            Map<String, Object> row = result.getSingleResult().getEntryMap();
            assertThat(row.get("handout")).isEqualTo(handout);
            assertThat(row.get("order1")).isEqualTo(order1);
            assertThat(row.get("order2")).isEqualTo(order2);
            assertThat(row.get("order3")).isNull();
            assertThat(row.get("skipPreviousOwners")).isEqualTo(skipPreviousOwners);
            assertThat(row.get("preferFirstOwner")).isEqualTo(preferFirstOwner);
        }
    }

    /** What a process owner reads: every strategy has its row, every cell holds a value of its column's list. */
    @org.junit.jupiter.api.Test
    void assignmentStrategyRowsNameTheirStrategyInChineseAndUseOnlyListedValues() {
        var model = org.camunda.bpm.model.dmn.Dmn.readModelFromFile(new java.io.File("bpmn/assignment-strategy.dmn"));
        var table = model.getModelElementsByType(org.camunda.bpm.model.dmn.instance.DecisionTable.class).iterator().next();
        assertThat(table.getHitPolicy()).isEqualTo(org.camunda.bpm.model.dmn.HitPolicy.UNIQUE);
        assertThat(((org.camunda.bpm.model.dmn.instance.Decision) table.getParentElement()).getCamundaHistoryTimeToLiveString())
                .isEqualTo("365");
        var outputs = java.util.List.copyOf(table.getOutputs());
        java.util.List<String> strategies = new java.util.ArrayList<>();
        for (var rule : table.getRules()) {
            String strategy = rule.getInputEntries().iterator().next().getTextContent().replace("\"", "");
            strategies.add(strategy);
            String label = com.enrollflow.assignment.AssignmentStrategy.valueOf(strategy).label();
            assertThat(rule.getDescription().getTextContent()).as(rule.getId()).startsWith(label + "：");
            var cells = java.util.List.copyOf(rule.getOutputEntries());
            for (int i = 0; i < cells.size(); i++) {
                String cell = cells.get(i).getTextContent().trim();
                var values = outputs.get(i).getOutputValues();
                if (!cell.isEmpty() && values != null) {
                    assertThat(java.util.List.of(values.getTextContent().split(","))).as(rule.getId() + " "
                            + outputs.get(i).getLabel()).contains(cell);
                }
            }
        }
        assertThat(strategies).containsExactlyInAnyOrder(java.util.Arrays.stream(
                com.enrollflow.assignment.AssignmentStrategy.values()).map(Enum::name).toArray(String[]::new));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "500, 4.17, PERSONAL, salesSupervisor",
            "2500, 20.83, SCHEDULE, salesSupervisor|campusDirector",
            "800, 6.67, TEACHING, salesSupervisor|campusDirector",
            "11600, 96.67, RELOCATION, salesSupervisor|campusDirector|financeManager",
            "6000, 50.01, PERSONAL, salesSupervisor|campusDirector|financeManager",
            "36000, 100, OTHER, salesSupervisor|campusDirector|financeManager|headOfficeDirector"})
    void shouldNameTheRefundApprovalLevelsInOrder(double amount, double ratio, String reason, String levels)
            throws Exception {
        java.util.List<String> found = new java.util.ArrayList<>(new java.util.LinkedHashSet<>(evaluate(
                "refund-approval-levels.dmn", "refundApprovalLevels", Map.of("refundAmount", amount, "refundRatio",
                        ratio, "refundReason", reason)).collectEntries("approvalLevel")));
        assertThat(String.join("|", found)).isEqualTo(levels);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            // the category says who handles it, the severity how fast (docs/service.md)
            "TEACHING, URGENT, academicAffairs, 1, 8, campusDirector",
            "TEACHING, SERIOUS, academicAffairs, 2, 16, campusDirector",
            "TEACHING, NORMAL, academicAffairs, 4, 24, campusDirector",
            "SCHEDULING, URGENT, academicAffairs, 1, 8, campusDirector",
            "SCHEDULING, SERIOUS, academicAffairs, 2, 16, campusDirector",
            "SCHEDULING, NORMAL, academicAffairs, 4, 24, campusDirector",
            "SERVICE, URGENT, customerService, 1, 8, campusDirector",
            "SERVICE, SERIOUS, customerService, 2, 16, salesSupervisor",
            "ENVIRONMENT, NORMAL, customerService, 4, 24, salesSupervisor",
            "FEES, NORMAL, customerService, 4, 24, salesSupervisor"})
    void shouldRouteAComplaintAndSetItsLimits(String category, String severity, String group, double response,
            double resolution, String escalation) throws Exception {
        var row = evaluate("complaint-routing.dmn", "complaintRouting", Map.of("category", category, "severity",
                severity)).getFirstResult();
        assertThat((String) row.get("handlerGroup")).isEqualTo(group);
        assertThat(((Number) row.get("responseHours")).doubleValue()).isEqualTo(response);
        assertThat(((Number) row.get("resolutionHours")).doubleValue()).isEqualTo(resolution);
        assertThat((String) row.get("escalationGroup")).isEqualTo(escalation);
    }

    @ParameterizedTest(name = "difference {0}, refundable {1}, asked {2} -> {3}")
    @CsvSource({
            "4640.0,     0.0,    false, TOP_UP",
            "4640.0,     0.0,    true,  TOP_UP",
            "0.0,        0.0,    true,  NONE",
            "-2900.0,    2900.0, false, BALANCE",
            "-2900.0,    2900.0, true,  REFUND",
            "-2900.0,    100.0,  true,  REFUND",
            "-2900.0,    99.99,  true,  BALANCE",
            "-2900.0,    0.0,    true,  BALANCE"})
    void transferSettlementPaysAskedDifferencesBackAndKeepsSmallOnesAsBalance(double difference, double refundable,
            boolean asked, String settlement) throws IOException {
        DmnDecisionResult result = evaluate("transfer-settlement.dmn", "transferSettlement", Map.of(
                "transferDifference", difference, "refundableAmount", refundable, "familyAsksRefund", asked));
        assertThat((String) result.getSingleEntry()).isEqualTo(settlement);
    }

    @ParameterizedTest(name = "{0}: remind at {1} left, collect with at most {2} left, at most {3} month ahead")
    @CsvSource({"ONE_ON_ONE, 5, 20, 1", "CLASS, 6, 20, 1", "OTHER, 5, 20, 1"})
    void renewalPolicyRemindsAtFiveLessonsAndKeepsTheRegulationsBounds(String productLine, int remindAt,
            int maxRemaining, int monthsAhead) throws IOException {
        Map<String, Object> row = evaluate("renewal-policy.dmn", "renewalPolicy", Map.of("productLine", productLine))
                .getSingleResult().getEntryMap();
        assertThat(((Number) row.get("remindAtRemaining")).intValue()).isEqualTo(remindAt);
        assertThat(((Number) row.get("maxRemainingToCollect")).intValue()).isEqualTo(maxRemaining);
        assertThat(((Number) row.get("maxMonthsAhead")).intValue()).isEqualTo(monthsAhead);
    }

    @ParameterizedTest(name = "lowest {0}, average {1} -> {2}")
    @CsvSource(nullValues = "none", value = {
            "2, 4.33, 有一项评分在 2 分及以下",
            "1, 1.0,  有一项评分在 2 分及以下",
            "3, 3.33, 平均分低于 3.5 分",
            "3, 3.5,  none",
            "4, 4.67, none"})
    void surveyFollowUpCallsTheFamilyAfterALowScore(int lowest, double average, String reason) throws IOException {
        DmnDecisionResult result = evaluate("survey-follow-up.dmn", "surveyFollowUp",
                Map.of("lowestRating", lowest, "averageRating", average));
        assertThat(result.isEmpty() ? null : (String) result.getSingleEntry()).isEqualTo(reason);
    }

    @ParameterizedTest(name = "absences {0}, {1} days since, {2} left, exam in {3} -> {4}")
    @CsvSource(nullValues = "none", value = {
            "2, 3,  20, -1, ABSENCES_IN_A_ROW",
            "1, 3,  20, -1, none",
            "0, 30, 5,  -1, NO_LESSON_30_DAYS",
            "0, 45, 0,  -1, none",
            "0, 29, 5,  -1, none",
            "0, 3,  5,  7,  EXAM_AHEAD",
            "0, 3,  5,  0,  none",
            "3, 31, 5,  2,  ABSENCES_IN_A_ROW NO_LESSON_30_DAYS EXAM_AHEAD"})
    void carePolicyCallsAfterAbsencesOrAMonthAwayAndGreetsBeforeExams(int absences, int days, int left, int toExam,
            String triggers) throws IOException {
        DmnDecisionResult result = evaluate("care-policy.dmn", "carePolicy", Map.of("consecutiveAbsences", absences,
                "daysSinceLastLesson", days, "remainingLessons", left, "daysToExam", toExam, "isBirthdayToday", false));
        assertThat(result.getResultList().stream().map(r -> (String) r.get("careTrigger")).toList())
                .isEqualTo(triggers == null ? List.of() : List.of(triggers.split(" ")));
    }

    @ParameterizedTest(name = "birthday {0}, absences {1}, exam in {2} -> {3}")
    @CsvSource(nullValues = "none", value = {
            "true,  0, -1, BIRTHDAY",
            "false, 0, -1, none",
            "true,  2, 3,  ABSENCES_IN_A_ROW EXAM_AHEAD BIRTHDAY"})
    void carePolicyMailsABirthdayGreetingBesideTheOtherTouches(boolean birthday, int absences, int toExam,
            String triggers) throws IOException {
        DmnDecisionResult result = evaluate("care-policy.dmn", "carePolicy", Map.of("consecutiveAbsences", absences,
                "daysSinceLastLesson", 3, "remainingLessons", 10, "daysToExam", toExam, "isBirthdayToday", birthday));
        assertThat(result.getResultList().stream().map(r -> (String) r.get("careTrigger")).toList())
                .isEqualTo(triggers == null ? List.of() : List.of(triggers.split(" ")));
        result.getResultList().stream().filter(r -> "BIRTHDAY".equals(r.get("careTrigger"))).forEach(r -> {
            assertThat(r.get("careAction")).isEqualTo("GREETING_MAIL");
            assertThat(r.get("careReason")).isEqualTo("生日问候");
        });
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "none", value = {"J3, 中考", "S3, 高考", "J2, none", "P6, none"})
    void examDatesNameTheGradesExam(String grade, String exam) throws IOException {
        DmnDecisionResult result = evaluate("exam-dates.dmn", "examDates", Map.of("grade", grade));
        assertThat(result.isEmpty() ? null : (String) result.getFirstResult().getEntry("examName")).isEqualTo(exam);
        if (exam != null) {
            assertThat(java.time.LocalDate.parse((String) result.getFirstResult().getEntry("examDate"))).isNotNull();
        }
    }

    @ParameterizedTest(name = "{0}, contract {1} CNY -> {2}, {3} lessons, voucher {4} CNY, approval {5}")
    @CsvSource(nullValues = "none", value = {
            "ONE_ON_ONE, 26000.0,  GIFT_LESSONS, 4, 800.0, true",
            "ONE_ON_ONE, 20000.0,  GIFT_LESSONS, 4, 800.0, true",
            "ONE_ON_ONE, 19999.99, GIFT_LESSONS, 2, 400.0, false",
            "ONE_ON_ONE, 5000.0,   GIFT_LESSONS, 2, 400.0, false",
            "ONE_ON_ONE, 4999.0,   GIFT_LESSONS, 1, 200.0, false",
            "CLASS,      5000.0,   VOUCHER,      0, 600.0, true",
            "CLASS,      3600.0,   VOUCHER,      0, 200.0, false",
            "none,       30000.0,  VOUCHER,      0, 200.0, false"})
    void referralRewardGrowsWithTheContractAndAsksTheSupervisorAboveFiveHundredYuan(String productLine, double price,
            String kind, int lessons, double amount, boolean approval) throws IOException {
        Map<String, Object> inputs = new java.util.HashMap<>();
        inputs.put("productLine", productLine);
        inputs.put("contractPrice", price);
        var row = evaluate("referral-reward.dmn", "referralReward", inputs).getSingleResult();
        assertThat((String) row.get("rewardKind")).isEqualTo(kind);
        assertThat(((Number) row.get("rewardLessons")).intValue()).isEqualTo(lessons);
        assertThat(((Number) row.get("rewardAmount")).doubleValue()).isEqualTo(amount);
        assertThat((Boolean) row.get("approvalNeeded")).isEqualTo(approval);
        // the rule the table states: a reward worth more than 500 yuan is approved by the sales supervisor
        assertThat(approval).isEqualTo(((Number) row.get("rewardAmount")).doubleValue() > 500);
    }

    @ParameterizedTest(name = "{0}, {1} items -> sample {2}")
    @CsvSource({"BJ-HD, 1, 1", "BJ-HD, 3, 3", "SH-PD, 20, 3", "BJ-HD, 45, 5", "SH-XH, 250, 10"})
    void qualitySampleTakesATenthBetweenThreeAndTenAndCoachesAtTwoOrBelow(String campus, int items, int size)
            throws IOException {
        Map<String, Object> row = evaluate("quality-sample.dmn", "qualitySample",
                Map.of("campus", campus, "itemCount", items)).getSingleResult().getEntryMap();
        QualityPolicy.Plan plan = new QualityPolicy.Plan(
                ((Number) row.get("samplePercent")).intValue(), ((Number) row.get("sampleMinimum")).intValue(),
                ((Number) row.get("sampleMaximum")).intValue(), ((Number) row.get("coachingScore")).intValue());
        assertThat(plan.sampleSize(items)).isEqualTo(size);
        assertThat(plan.coachingScore()).isEqualTo(2);
    }

    private static DmnDecisionResult evaluate(String file, String decisionKey, Map<String, Object> variables)
            throws IOException {
        try (InputStream in = new FileInputStream("bpmn/" + file)) {
            DmnDecision decision = DMN.parseDecision(decisionKey, in);
            return DMN.evaluateDecision(decision, new java.util.HashMap<>(variables));
        }
    }
}
