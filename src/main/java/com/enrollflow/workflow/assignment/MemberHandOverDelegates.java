package com.enrollflow.workflow.assignment;

import static com.enrollflow.workflow.FormValues.text;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.assignment.TeamAdministration;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.FormValues;
import com.enrollflow.workflow.engine.StartFormRecord;

/** member-hand-over.bpmn (离职转交): the start form's fields to {@link TeamAdministration}, what moved back. */
@Configuration
class MemberHandOverDelegates {

    /** The fields of the start form hand-over-member. */
    static final String TEAM = "team";
    static final String MEMBER = "member";
    static final String STATUS = "status";
    static final String TO = "to";
    /** What moved, per receiver, kept in the instance's history. */
    static final String SUMMARY = "handOverSummary";

    private final TeamAdministration administration;

    MemberHandOverDelegates(TeamAdministration administration) {
        this.administration = administration;
    }

    /**
     * ServiceTask_HandOverMember (转交成员的工作): the same hand-over as POST /api/teams/{team}/members/{user}/hand-over;
     * every refusal names the form's field, and nothing moves then.
     */
    @Bean("handOverMember")
    JavaDelegate handOverMember() {
        return execution -> {
            var asked = new TeamAdministration.HandOverAsked(text(execution.getVariable(TEAM)),
                    text(execution.getVariable(MEMBER)), text(execution.getVariable(STATUS)),
                    text(execution.getVariable(TO)));
            var done = FormValues.request(() -> administration.handOver(asked, Actors.of(execution)));
            execution.setVariable(SUMMARY, administration.describe(done.moved()));
            StartFormRecord.file(execution, done.campusCode(), null);
            StartFormRecord.told(execution, done.told());
        };
    }
}
