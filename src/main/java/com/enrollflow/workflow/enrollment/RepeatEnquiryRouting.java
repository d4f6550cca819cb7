package com.enrollflow.workflow.enrollment;

import java.util.Arrays;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Candidates of 跟进客户再次咨询 (Task_HandleRepeatEnquiry) while nobody owns the opportunity:
 * {@code ${repeatRouting.users(execution)}} and {@code ${repeatRouting.groups(execution)}}. In a sales team's pool
 * the team's members see it; before distribution (or without a team) the owner group does.
 */
@Component("repeatRouting")
public class RepeatEnquiryRouting {

    public List<String> users(DelegateExecution execution) {
        String members = (String) execution.getVariable("repeatCandidates");
        return members == null || members.isBlank() ? List.of() : Arrays.asList(members.split(","));
    }

    public List<String> groups(DelegateExecution execution) {
        String group = (String) execution.getVariable("repeatGroup");
        return !users(execution).isEmpty() || group == null ? List.of() : List.of(group);
    }
}
