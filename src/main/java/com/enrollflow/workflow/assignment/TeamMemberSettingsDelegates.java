package com.enrollflow.workflow.assignment;

import static com.enrollflow.workflow.FormValues.text;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.assignment.TeamAdministration;
import com.enrollflow.workflow.FormValues;
import com.enrollflow.workflow.engine.StartFormRecord;

/** team-member-settings.bpmn (团队成员设置): the start form's fields to {@link TeamAdministration}, what changed back. */
@Configuration
class TeamMemberSettingsDelegates {

    /** The fields of the start form team-member-settings. */
    static final String TEAM = "team";
    static final String MEMBER = "member";
    static final String STATUS = "status";
    static final String CAPACITY = "capacity";

    private final TeamAdministration administration;

    TeamMemberSettingsDelegates(TeamAdministration administration) {
        this.administration = administration;
    }

    /**
     * ServiceTask_SaveMember (保存成员设置): the same as PUT /api/teams/{team}/members/{user}; every refusal names the
     * form's field, and nothing changes then.
     */
    @Bean("saveTeamMember")
    JavaDelegate saveTeamMember() {
        return execution -> {
            var asked = new TeamAdministration.MemberAsked(text(execution.getVariable(TEAM)),
                    text(execution.getVariable(MEMBER)), text(execution.getVariable(STATUS)),
                    FormValues.wholeNumber(CAPACITY, execution.getVariable(CAPACITY)));
            var saved = FormValues.request(() -> administration.saveMember(asked));
            StartFormRecord.file(execution, saved.campusCode(), null);
            StartFormRecord.told(execution, saved.told());
        };
    }
}
