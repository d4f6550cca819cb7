package com.enrollflow.workflow.assignment;

import static com.enrollflow.workflow.FormValues.text;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.assignment.TeamAdministration;
import com.enrollflow.workflow.FormValues;
import com.enrollflow.workflow.engine.StartFormRecord;

/** team-settings.bpmn (销售团队设置): the start form's fields to {@link TeamAdministration}, what changed back. */
@Configuration
class TeamSettingsDelegates {

    /** The fields of the start form team-settings. */
    static final String TEAM = "team";
    static final String STRATEGY = "strategy";
    static final String CLAIM_HOLD_CAP = "claimHoldCap";
    static final String TEAM_STATUS = "teamStatus";

    private final TeamAdministration administration;

    TeamSettingsDelegates(TeamAdministration administration) {
        this.administration = administration;
    }

    /**
     * ServiceTask_SaveTeamSettings (保存团队设置): the same rules as PUT /api/teams/{team} for the strategy, the claim
     * hold cap and whether a team that exists takes new leads (active); every refusal names the form's field, and
     * nothing changes then.
     */
    @Bean("saveTeamSettings")
    JavaDelegate saveTeamSettings() {
        return execution -> {
            var asked = new TeamAdministration.TeamAsked(text(execution.getVariable(TEAM)),
                    text(execution.getVariable(STRATEGY)),
                    FormValues.wholeNumber(CLAIM_HOLD_CAP, execution.getVariable(CLAIM_HOLD_CAP)),
                    text(execution.getVariable(TEAM_STATUS)));
            var saved = FormValues.request(() -> administration.saveSettings(asked));
            StartFormRecord.file(execution, saved.campusCode(), null);
            StartFormRecord.told(execution, saved.told());
        };
    }
}
