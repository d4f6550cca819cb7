package com.enrollflow.workflow.care;

import static com.enrollflow.workflow.SalesVariables.id;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.care.CareTouches;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.customer.BirthDateCorrections;
import com.enrollflow.customer.CustomerRecords;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.FormValues;
import com.enrollflow.workflow.TaskInput;
import com.enrollflow.workflow.engine.StartFormRecord;

/**
 * customer-care.bpmn and care-call.bpmn (客户关怀): each bean calls {@link CareTouches} once and writes its result;
 * birth-date-correction.bpmn (更正学生生日), whose date the birthday greetings go by.
 */
@Configuration
class CareDelegates {

    static final String CARE_CALLS = "careCalls";
    static final String TOUCH_ID = "careTouchId";
    static final String OUTCOME = "careOutcome";

    private final CareTouches care;
    private final BirthDateCorrections birthDates;
    private final Clock clock;

    CareDelegates(CareTouches care, BirthDateCorrections birthDates, Clock clock) {
        this.care = care;
        this.birthDates = birthDates;
        this.clock = clock;
    }

    /**
     * ServiceTask_CorrectBirthDate (更正学生生日), the start form correct-birth-date: the same correction as
     * PUT /api/customers/{id}/student-birth-date, the customer named by the family's phone; a refusal names the form's
     * fields, and nothing is changed then.
     */
    @Bean("submitBirthDateCorrection")
    JavaDelegate submitBirthDateCorrection() {
        return execution -> {
            CustomerRecords.CustomerRecord corrected = FormValues.lookupRequest("phone", () -> birthDates
                    .correctByPhone(FormValues.text(execution.getVariable("phone")), new BirthDateCorrections
                            .Correction(FormValues.day(execution.getVariable("studentBirthDate"))),
                            Actors.of(execution)));
            // filed under the family's latest enquiry the starter serves, and its campus
            corrected.opportunities().stream().filter(o -> o.campus() != null)
                    .max(java.util.Comparator.comparing(CustomerRecords.OpportunityView::receivedAt))
                    .ifPresent(o -> StartFormRecord.file(execution, o.campus(), String.valueOf(o.id())));
            // the family by name and number: the desk typed a phone, and reads whose record it changed
            StartFormRecord.told(execution, corrected.name() + "（客户编号 " + corrected.id() + "）的学生生日已更正为 "
                    + FormValues.day(execution.getVariable("studentBirthDate")) + "。");
        };
    }

    /** ServiceTask_FindCareTouches (查找关怀对象): today's calls (careCalls: touch, campus, opportunity, name, reason). */
    @Bean("findCareTouches")
    JavaDelegate findCareTouches() {
        return execution -> {
            List<Map<String, Object>> calls = care.sweep(LocalDate.now(clock.withZone(BusinessTime.ZONE))).stream()
                    .map(c -> {
                        Map<String, Object> one = new LinkedHashMap<>();
                        one.put("touchId", c.touchId());
                        one.put("campus", c.campusCode());
                        one.put("opportunityId", c.opportunityId());
                        one.put("businessKey", String.valueOf(c.opportunityId()));
                        one.put("customerName", c.customerName());
                        one.put("reason", c.reason());
                        return one;
                    }).toList();
            execution.setVariable(CARE_CALLS, calls);
        };
    }

    /** Task_CareCall (关怀回访), on create: why the family is called. */
    @Bean("careCallPrepare")
    TaskListener careCallPrepare() {
        return task -> task.setVariableLocal("careSummary", care.summary(id(task, TOUCH_ID)));
    }

    /** Task_CareCall, on complete: what the call found, required. */
    @Bean("careCallInput")
    TaskListener careCallInput() {
        return task -> {
            try {
                Object outcome = task.getVariable(OUTCOME);
                care.called(id(task, TOUCH_ID), outcome == null ? null : outcome.toString(), Actors.of(task));
            } catch (InvalidInputException e) {
                throw TaskInput.rejected(e);
            }
        };
    }
}
