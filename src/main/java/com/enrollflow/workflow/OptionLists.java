package com.enrollflow.workflow;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.User;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.pricing.PriceListEntry;
import com.enrollflow.pricing.PricingService;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.CampusRepository;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Choice lists that come from data, not from the form: each listener puts a task-local JSON list of
 * {label, value} that the form's select reads through {@code valuesKey}.
 */
@Configuration
class OptionLists {

    private final ObjectMapper json;

    OptionLists(ObjectMapper json) {
        this.json = json;
    }

    /** Active campuses, for 意向校区 (Task_ExploreIntent). */
    @Bean("campusOptions")
    TaskListener campusOptions(CampusRepository campuses) {
        return task -> putCampuses(task, campuses);
    }

    private void putCampuses(DelegateTask task, CampusRepository campuses) {
        put(task, "campusOptions", campuses.findActive().stream()
                .map(c -> Map.of("label", c.name(), "value", c.code())).toList());
    }

    /**
     * Task_MakePlan (制定方案与报价), on create: the campus's hour packages, promotions and classes valid today, so
     * the consultant picks them instead of typing codes.
     */
    @Bean("planOptions")
    TaskListener planOptions(PricingService pricing, Clock clock) {
        return task -> {
            String campus = (String) task.getVariable(ProcessConstants.CAMPUS);
            List<PriceListEntry> entries = campus == null ? List.of()
                    : pricing.priceList(campus, LocalDate.now(clock.withZone(BusinessTime.ZONE)));
            put(task, "packageOptions", options(entries, PriceListEntry.Kind.PACKAGE));
            put(task, "promotionOptions", options(entries, PriceListEntry.Kind.PROMOTION));
            put(task, "classOptions", options(entries, PriceListEntry.Kind.CLASS));
        };
    }

    private static List<Map<String, String>> options(List<PriceListEntry> entries, PriceListEntry.Kind kind) {
        return entries.stream().filter(e -> e.kind() == kind)
                .map(e -> Map.of("label", e.name() + "（" + e.code() + "）", "value", e.code())).toList();
    }

    static String displayName(User u) {
        String name = (nullToEmpty(u.getFirstName()) + " " + nullToEmpty(u.getLastName())).strip();
        return name.isEmpty() ? u.getId() : name + "（" + u.getId() + "）";
    }

    /** A task-local JSON list of {label, value} for a select's valuesKey. */
    void put(DelegateTask task, String name, List<Map<String, String>> options) {
        try {
            task.setVariableLocal(name, SpinValues.jsonValue(json.writeValueAsString(options)).create());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
