package com.enrollflow.workflow.engine;

import java.util.HashSet;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.task.IdentityLink;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import com.enrollflow.customer.CustomerRepository;
import com.enrollflow.customer.PhoneNumbers;
import com.enrollflow.opportunity.Opportunity;
import com.enrollflow.opportunity.OpportunityRepository;
import com.enrollflow.reference.StaffRole;
import com.enrollflow.workflow.ProcessConstants;
import com.enrollflow.workflow.SalesVariables;

/**
 * Every user task of every process, on create: the customer's name and, for the roles that call families, the phone
 * number, as task-local values (客户, 电话 on the Tasklist card and the form). Personal data shown on a task is thus
 * readable by those who may work that task, and the process instances no longer carry the phone at all: a teacher
 * who records a placement test sees the student's name, not the family's number, in the task and in the instance.
 *
 * <p>Added to every user task when a model is deployed (a parse listener), so a process owner's new task gets
 * it too without typing anything.
 */
@Component
class TaskCards extends AbstractProcessEnginePlugin implements TaskListener {

    private final OpportunityRepository opportunities;
    private final CustomerRepository customers;
    private final PhoneNumbers phones;
    private final IdentityService identity;

    TaskCards(OpportunityRepository opportunities, CustomerRepository customers, PhoneNumbers phones,
            @Lazy IdentityService identity) {
        this.opportunities = opportunities;
        this.customers = customers;
        this.phones = phones;
        this.identity = identity;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        TaskListener cards = this;
        configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
                    userTask.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_CREATE, cards);
                }
            }
        });
    }

    @Override
    public void notify(DelegateTask task) {
        Object id = task.getVariable(ProcessConstants.OPPORTUNITY_ID);
        if (id == null) {
            return;
        }
        Opportunity o = opportunities.findById(SalesVariables.id(task, ProcessConstants.OPPORTUNITY_ID)).orElse(null);
        var customer = o == null ? null : customers.findById(o.customerId()).orElse(null);
        if (customer == null) {
            return;
        }
        task.setVariableLocal(ProcessConstants.CUSTOMER_NAME, customer.name());
        if (callsFamilies(task)) {
            task.setVariableLocal(ProcessConstants.PHONE_DISPLAY, phones.display(customer.phone()));
        }
    }

    /** Whether the task's audience (its candidate groups, or its assignee's groups) includes a role that calls families. */
    private boolean callsFamilies(DelegateTask task) {
        Set<String> groups = new HashSet<>();
        for (IdentityLink link : task.getCandidates()) {
            if (link.getGroupId() != null) {
                groups.add(link.getGroupId());
            }
            if (link.getUserId() != null) {
                groupsOf(link.getUserId(), groups);
            }
        }
        if (task.getAssignee() != null) {
            groupsOf(task.getAssignee(), groups);
        }
        return groups.stream().anyMatch(StaffRole::callsFamilies);
    }

    private void groupsOf(String userId, Set<String> into) {
        identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).forEach(into::add);
    }
}
