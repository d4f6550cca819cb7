package com.enrollflow.workflow.intake;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.enrollflow.common.InvalidInputException;
import com.enrollflow.lead.LeadIntakeResult;
import com.enrollflow.lead.LeadIntakeService;
import com.enrollflow.lead.LeadRequest;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.TaskInput;
import com.enrollflow.workflow.engine.StartFormRecord;

/**
 * ServiceTask_RegisterLead (登记线索): the Tasklist start form's enquiry goes through the same intake as
 * POST /api/leads. A bad field rejects the submission (Tasklist shows which) and nothing is stored.
 */
@Component("registerLead")
class RegisterLeadDelegate implements JavaDelegate {

    private final LeadIntakeService intake;

    RegisterLeadDelegate(LeadIntakeService intake) {
        this.intake = intake;
    }

    @Override
    public void execute(DelegateExecution e) {
        LeadRequest request = new LeadRequest(text(e, "name"), text(e, "phone"), text(e, "channel"),
                text(e, "email"), text(e, "campus"), text(e, "productLine"), text(e, "grade"), text(e, "subject"),
                text(e, "goal"), text(e, "campaign"), text(e, "referrer"), text(e, "notes"),
                text(e, "referrerPhone"), date(e, "studentBirthDate"));
        try {
            LeadIntakeResult result = intake.receive(request, Actors.of(e), null, null).result();
            e.setVariable("customerId", result.customerId());
            e.setVariable("duplicate", result.duplicate());
            // a customer followed at another campus: the starter learns only by whom and where
            e.setVariable("opportunityId", result.opportunities().isEmpty() ? null
                    : result.opportunities().get(0).opportunityId());
            e.setVariable("followedElsewhere", followedBy(result));
            StartFormRecord.told(e, told(result));
        } catch (InvalidInputException invalid) {
            throw TaskInput.rejected(invalid);
        }
    }

    /** Who follows the family at a campus the starter does not serve (王芳（北京海淀校区）), else null. */
    private static String followedBy(LeadIntakeResult result) {
        return result.followedElsewhere().stream().map(LeadIntakeResult.FollowedElsewhere::told)
                .reduce((a, b) -> a + "、" + b).orElse(null);
    }

    /** What the starter is told: the new enquiry's numbers and who contacts the family, or who already follows it. */
    private static String told(LeadIntakeResult result) {
        String opportunities = result.opportunities().stream().map(o -> String.valueOf(o.opportunityId()))
                .reduce((a, b) -> a + "、" + b).orElse(null);
        if (result.duplicate()) {
            // the repeat is a task of one open opportunity (跟进客户再次咨询): its owner's, else its group's pool
            String followedBy = followedBy(result);
            return "该客户此前已登记" + (result.customerId() == null ? "" : "（客户编号 " + result.customerId() + "）")
                    + "：" + (result.takenBy() == null ? "本次咨询已转给现有商机的负责人"
                            : "本次咨询已交" + result.takenBy() + "跟进（待办“跟进客户再次咨询”）")
                    + (opportunities == null ? "" : "，商机编号 " + opportunities)
                    + (followedBy == null ? "" : "；已有人跟进：" + followedBy) + "。";
        }
        return "客户咨询已登记：客户编号 " + result.customerId() + (opportunities == null ? ""
                : "，商机编号 " + opportunities) + "；首次联系由" + result.takenBy() + "进行。";
    }

    /** The form's date field gives 2012-05-20; an engine REST client may send a Date: its Beijing day. */
    private static String date(DelegateExecution e, String name) {
        Object value = e.getVariable(name);
        return value instanceof java.util.Date d
                ? d.toInstant().atZone(com.enrollflow.reference.BusinessTime.ZONE).toLocalDate().toString()
                : value == null ? null : value.toString();
    }

    private static String text(DelegateExecution e, String name) {
        Object value = e.getVariable(name);
        return value == null ? null : value.toString();
    }
}
