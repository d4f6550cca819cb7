package com.enrollflow.workflow.engine;

import java.util.HashSet;
import java.util.LinkedHashSet;
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

    private final CustomerRepository customers;
    private final PhoneNumbers phones;
    private final IdentityService identity;

    TaskCards(CustomerRepository customers, PhoneNumbers phones, @Lazy IdentityService identity) {
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
        var customer = customers.findByOpportunity(SalesVariables.id(task, ProcessConstants.OPPORTUNITY_ID))
                .orElse(null);
        if (customer == null) {
            return;
        }
        task.setVariableLocal(ProcessConstants.CUSTOMER_NAME, customer.name());
        if (callsFamilies(task)) {
            task.setVariableLocal(ProcessConstants.PHONE_DISPLAY, phones.display(customer.phone()));
        }
    }

    /**
     * Whether the task's audience (its candidate groups, or its candidate users' and assignee's groups) includes a
     * role that calls families; the people's groups are only looked up when the candidate groups do not already say.
     */
    private boolean callsFamilies(DelegateTask task) {
        Set<String> people = new LinkedHashSet<>();
        for (IdentityLink link : task.getCandidates()) {
            if (link.getGroupId() != null && StaffRole.callsFamilies(link.getGroupId())) {
                return true;
            }
            if (link.getUserId() != null) {
                people.add(link.getUserId());
            }
        }
        if (task.getAssignee() != null) {
            people.add(task.getAssignee());
        }
        Set<String> groups = new HashSet<>();
        people.forEach(user -> groupsOf(user, groups));
        return groups.stream().anyMatch(StaffRole::callsFamilies);
    }

    private void groupsOf(String userId, Set<String> into) {
        identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).forEach(into::add);
    }
}
