package com.enrollflow.workflow.marketing;

import static com.enrollflow.workflow.FormValues.amount;
import static com.enrollflow.workflow.FormValues.day;
import static com.enrollflow.workflow.FormValues.text;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.common.Money;
import com.enrollflow.marketing.Campaign;
import com.enrollflow.marketing.Campaigns;
import com.enrollflow.reference.Campuses;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.FormValues;
import com.enrollflow.workflow.engine.StartFormRecord;

/** campaign-registration.bpmn (登记市场活动): the start form's fields to {@link Campaigns}, the campaign's id back. */
@Configuration
class CampaignDelegates {

    static final String CAMPAIGN_ID = "campaignId";
    /** The fields of the start form register-campaign: the API's names, and the checkbox that changes a campaign. */
    static final String NAME = "name";
    static final String CHANNEL = "channel";
    static final String CAMPUS = "campus";
    static final String STARTS_ON = "startsOn";
    static final String ENDS_ON = "endsOn";
    static final String COST = "cost";
    static final String REPLACING = "replacing";

    private final Campaigns campaigns;
    private final Campuses campuses;

    CampaignDelegates(Campaigns campaigns, Campuses campuses) {
        this.campaigns = campaigns;
        this.campuses = campuses;
    }

    /**
     * ServiceTask_SaveCampaign (保存市场活动): the same rules as POST and PUT /api/campaigns; every refusal names the
     * form's field, nothing is stored.
     */
    @Bean("saveCampaign")
    JavaDelegate saveCampaign() {
        return execution -> {
            Campaigns.Request request = new Campaigns.Request(text(execution.getVariable(NAME)),
                    text(execution.getVariable(CHANNEL)), text(execution.getVariable(CAMPUS)),
                    day(execution.getVariable(STARTS_ON)), day(execution.getVariable(ENDS_ON)),
                    amount(execution.getVariable(COST)));
            boolean replacing = Boolean.TRUE.equals(FormValues.flag(REPLACING, execution.getVariable(REPLACING)));
            Campaign saved = FormValues.request(() -> campaigns.record(request, replacing, Actors.of(execution)));
            execution.setVariable(CAMPAIGN_ID, saved.id());
            StartFormRecord.told(execution, "市场活动“" + saved.name() + "”已" + (replacing ? "更新" : "登记") + "："
                    + (saved.campusCode() == null ? "全部校区" : campuses.nameOf(saved.campusCode())) + "，渠道 "
                    + saved.channelLabel() + "，" + saved.startsOn() + " 至 " + saved.endsOn() + "，费用 "
                    + Money.yuan(saved.cost()) + "。");
        };
    }
}
