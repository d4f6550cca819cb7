package com.enrollflow.workflow;

import static com.enrollflow.workflow.SalesVariables.COLLECTION_RULE;
import static com.enrollflow.workflow.SalesVariables.PACKAGE_RULE;
import static com.enrollflow.workflow.SalesVariables.PLAN_BASIS;
import static com.enrollflow.workflow.SalesVariables.PLAN_PRICES;
import static com.enrollflow.workflow.SalesVariables.PREFERRED_TIME_OPTIONS;
import static com.enrollflow.workflow.SalesVariables.VOUCHER_OPTIONS;
import static com.enrollflow.workflow.SalesVariables.VOUCHER_VALUES;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.common.Coded;
import com.enrollflow.common.ConflictException;
import com.enrollflow.common.Money;
import com.enrollflow.consultation.ConsultationService;
import com.enrollflow.customer.Vouchers;
import com.enrollflow.identity.StaffNames;
import com.enrollflow.opportunity.IntentSummary;
import com.enrollflow.opportunity.Opportunity;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.payment.CollectionLimits;
import com.enrollflow.pricing.PriceListEntry;
import com.enrollflow.pricing.PricingService;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.CampusRepository;
import com.enrollflow.reference.Grade;
import com.enrollflow.scheduling.PreferredTimes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Choice lists that come from data, not from the form: each listener puts a task-local JSON list of
 * {label, value} that the form's select reads through {@code valuesKey}.
 */
@Configuration
public class OptionLists {

    private final ObjectMapper json;

    OptionLists(ObjectMapper json) {
        this.json = json;
    }

    /** Active campuses, for 意向校区 (Task_ExploreIntent). */
    @Bean("campusOptions")
    public TaskListener campusOptions(CampusRepository campuses) {
        return task -> putCampuses(task, campuses);
    }

    private void putCampuses(DelegateTask task, CampusRepository campuses) {
        put(task, "campusOptions", campuses.findActive().stream()
                .map(c -> Map.of("label", c.name(), "value", c.code())).toList());
    }

    /**
     * Task_MakePlan (制定方案与报价), on create: the campus's promotions and classes valid today with their figures,
     * so the consultant picks them instead of typing codes; the hour packages as a rule (the package follows from
     * the number of lessons); the weekly lesson slots; the campus's prices for the student's grade
     * ({@link PlanPrices}), from which the form shows the quote before it is submitted; the collection limit the
     * plan will be priced under (预收费监管); the customer's vouchers it may deduct, with their values in fen; and
     * what the plan is made from (学员情况与入学测试): the family's intent and the placement test.
     */
    @Bean("planOptions")
    public TaskListener planOptions(PricingService pricing, OpportunityService opportunities,
            CollectionLimits collectionLimits, CampusRepository campuses, Vouchers vouchers,
            ConsultationService consultation, Clock clock) {
        return task -> {
            String campus = (String) task.getVariable(ProcessConstants.CAMPUS);
            LocalDate today = LocalDate.now(clock.withZone(BusinessTime.ZONE));
            List<PriceListEntry> entries = campus == null ? List.of() : pricing.priceList(campus, today);
            Opportunity opportunity = opportunities.get(
                    ((Number) task.getVariable(ProcessConstants.OPPORTUNITY_ID)).longValue());
            Grade grade = Coded.parse(Grade.class, opportunity.grade()).orElse(null);
            // most families hold none: then nothing is stored, and the form hides 代金券
            List<Vouchers.Voucher> usable = vouchers.usable(opportunity.customerId(), opportunity.id(), today);
            if (!usable.isEmpty()) {
                put(task, VOUCHER_OPTIONS, usable.stream().map(v -> option("代金券 " + v.described(), v.code()))
                        .toList());
                putJson(task, VOUCHER_VALUES, usable.stream().collect(Collectors.toMap(Vouchers.Voucher::code,
                        v -> PlanPrices.fen(v.amount()))));
            }
            // only promotions of the plan's product line: one the pricing rules would refuse is never offered
            String line = (String) task.getVariable(ProcessConstants.PRODUCT_LINE);
            put(task, "promotionOptions", entries.stream().filter(e -> e.kind() == PriceListEntry.Kind.PROMOTION)
                    .filter(e -> e.productLine() == null || e.productLine().name().equals(line))
                    .map(e -> option(e.name() + "（" + PlanPrices.promotionTerms(e) + "）", e.code())).toList());
            // only classes of the student's grade: the pricing rules refuse another grade's
            put(task, "classOptions", entries.stream().filter(e -> e.kind() == PriceListEntry.Kind.CLASS)
                    .filter(e -> grade == null || e.grade() == grade)
                    .map(e -> option(e.name() + "（" + (e.schedule() == null ? "" : e.schedule() + "，") + e.lessons()
                            + " 课时，" + Money.yuan(e.price()) + "）", e.code()))
                    .toList());
            task.setVariableLocal(PACKAGE_RULE, PlanPrices.packageRule(entries));
            putJson(task, PLAN_PRICES, PlanPrices.of(entries, campus == null || grade == null ? Map.of()
                    : pricing.lessonPrices(campus, grade, today)));
            put(task, PREFERRED_TIME_OPTIONS, PreferredTimes.slotOptions());
            task.setVariableLocal(COLLECTION_RULE, collectionRule(collectionLimits, campuses, campus));
            // what the plan is made from: the family's intent and the placement test (decision 560)
            task.setVariableLocal(PLAN_BASIS, IntentSummary.of(opportunity)
                    + consultation.latestTestDescribed(opportunity.id()).map(t -> "\n" + t).orElse(""));
        };
    }

    /** The rule a plan will be priced under; a table without a rule for the city is said, not thrown at the task. */
    private static String collectionRule(CollectionLimits limits, CampusRepository campuses, String campus) {
        String city = campus == null ? null : campuses.findActive(campus).map(c -> c.city()).orElse(null);
        try {
            return limits.forCity(city).rule();
        } catch (ConflictException e) {
            return e.getMessage();
        }
    }

    /** Task_AdjustPreferences (调整上课时间偏好), on create: the weekly lesson slots to choose from. */
    @Bean("preferredTimeOptions")
    public TaskListener preferredTimeOptions() {
        return task -> put(task, PREFERRED_TIME_OPTIONS, PreferredTimes.slotOptions());
    }

    private static Map<String, String> option(String label, String value) {
        return Map.of("label", label, "value", value);
    }

    public static String displayName(User u) {
        String name = personName(u);
        return name.equals(u.getId()) ? u.getId() : name + "（" + u.getId() + "）";
    }

    /**
     * The person's name alone (李伟), for what families read; the id when the user has no name. The first name field
     * holds the family name (姓), the last name field the given name (名): {@link StaffNames}.
     */
    public static String personName(User u) {
        String name = StaffNames.whole(u.getFirstName(), u.getLastName());
        return name.isEmpty() ? u.getId() : name;
    }

    /** A task-local JSON list of {label, value} for a select's valuesKey. */
    public void put(DelegateTask task, String name, List<Map<String, String>> options) {
        putJson(task, name, options);
    }

    /** A task-local JSON value a form reads (a list, or an object its expressions compute with). */
    public void putJson(DelegateTask task, String name, Object value) {
        task.setVariableLocal(name, json(value));
    }

    /** A JSON variable value (Tasklist hands it to the form as a list or object, not as text). */
    public TypedValue json(Object value) {
        try {
            return SpinValues.jsonValue(json.writeValueAsString(value)).create();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
