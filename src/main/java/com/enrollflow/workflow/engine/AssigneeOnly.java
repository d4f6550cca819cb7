package com.enrollflow.workflow.engine;

import static com.enrollflow.workflow.engine.CommandFields.field;
import static com.enrollflow.workflow.engine.CommandFields.read;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractAddIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetTaskPropertyCmd;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.enrollflow.workflow.OptionLists;

/**
 * Who works a task, beyond Camunda's candidate right ({@code TASK_WORK}, which lets every candidate complete a task,
 * claimed or not, and lets nobody but a {@code TASK_ASSIGN} holder give one back).
 *
 * <ul>
 * <li><b>A pool task claimed by someone is theirs alone.</b> A completion, form submission, BPMN error or escalation
 * by another candidate is refused (403, naming who holds it): an agent of the call centre completed through the REST
 * API the lead a colleague had claimed and was calling, history naming the colleague. A pool task is one the process
 * gives to candidates: no {@code camunda:assignee}, or one whose expression named nobody when the task was created
 * (续费沟通 of a family without a consultant, 登记今日课堂 of a teacher without a login) — marked then, as it is
 * created.</li>
 * <li><b>A task the process routes to a person by name, with candidates beside, keeps them as backups</b> (登记今日课堂:
 * the teacher, and 教务 who cover for a teacher who is ill; 续费沟通: the consultant, and 客服): they may work it as it
 * is, or take it over in Tasklist (its × clears the assignee; they claim it then).</li>
 * <li><b>The holder of a pool task may give it back</b> (Tasklist's 取消认领; REST {@code unclaim}, or {@code claim}
 * for nobody): not one routed to them by name, nor a delegated one.</li>
 * </ul>
 * A user who is no candidate of the task (another role, another campus) is left to the engine's own authorization,
 * which answers as for any task they may not see. Our own code (no user logged in) and Camunda admins are not
 * concerned.
 */
@Component
class AssigneeOnly extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(AssigneeOnly.class);

    private static final Field ASSIGNED_TASK = field(AbstractSetTaskPropertyCmd.class, "taskId");
    private static final Field ASSIGNED_USER = field(AbstractAddIdentityLinkCmd.class, "userId");
    private static final Field CLAIMED_TASK = field(ClaimTaskCmd.class, "taskId");
    private static final Field CLAIMED_BY = field(ClaimTaskCmd.class, "userId");

    /** Task-local mark of a task whose assignee expression named nobody when it was created: a pool task. */
    static final String POOL_TASK = "poolTask";

    static final String ROUTED = "该任务由流程指定给您办理，不能取消认领：请在任务表单中办理（如退回商机请选择退回并填写原因）";

    static final String HELD_BY = "该任务已由 %s 认领，只有认领人可以办理；如需接手，请其取消认领后再领取";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setCustomPreCommandInterceptorsTxRequired(
                EngineInterceptors.with(configuration.getCustomPreCommandInterceptorsTxRequired(),
                        new Interceptor(configuration)));
        TaskListener markPool = task -> {
            if (task.getAssignee() == null) {
                task.setVariableLocal(POOL_TASK, true);
            }
        };
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new java.util.ArrayList<>());
        }
        configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask
                        && userTask.getTaskDefinition().getAssigneeExpression() != null) {
                    userTask.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_CREATE, markPool);
                }
            }
        });
    }

    /**
     * A task as this rule reads it: who holds it; {@code routed}: the process named its assignee; its candidates and
     * campus (tenant).
     */
    record Held(String assignee, boolean routed, boolean delegated, Set<String> candidateGroups,
            Set<String> candidateUsers, String tenantId) {

        static final Held NOBODY = new Held(null, false, false, Set.of(), Set.of(), null);

        /** The user is one of the task's candidates, at its campus: someone who may see it. */
        boolean candidate(Authentication user) {
            boolean inTenant = tenantId == null || user.getTenantIds() != null
                    && user.getTenantIds().contains(tenantId);
            List<String> groups = user.getGroupIds() == null ? List.of() : user.getGroupIds();
            return inTenant && (candidateUsers.contains(user.getUserId())
                    || groups.stream().anyMatch(candidateGroups::contains));
        }

        /** The user holds a pool task they may give back to its candidates. */
        boolean givenBackBy(String userId) {
            return userId.equals(assignee) && !routed && !delegated
                    && !(candidateGroups.isEmpty() && candidateUsers.isEmpty());
        }
    }

    static final class Interceptor extends CommandInterceptor {

        private final ProcessEngineConfigurationImpl configuration;

        Interceptor(ProcessEngineConfigurationImpl configuration) {
            this.configuration = configuration;
        }

        @Override
        public <T> T execute(Command<T> command) {
            Authentication user = configuration.getIdentityService().getCurrentAuthentication();
            if (user == null || user.getUserId() == null || Context.getCommandContext() != null
                    || user.getGroupIds() != null && user.getGroupIds().contains(Groups.CAMUNDA_ADMIN)) {
                return next.execute(command);
            }
            String givenBack = command instanceof AssignTaskCmd && read(ASSIGNED_USER, command) == null
                    ? (String) read(ASSIGNED_TASK, command)
                    // a claim for nobody is the engine's other way of giving a task back, checked only against the
                    // candidate's right: a colleague took a claimed lead away, a consultant dropped his own
                    : command instanceof ClaimTaskCmd && read(CLAIMED_BY, command) == null
                            ? (String) read(CLAIMED_TASK, command) : null;
            if (givenBack != null) {
                Held held = held(givenBack);
                if (held.assignee() != null && mayGiveBack(held, user, givenBack)) {
                    // the engine's own command, under the user's name in the operation log, without TASK_ASSIGN
                    return configuration.getCommandExecutorTxRequired().execute(context -> {
                        context.disableAuthorizationCheck();
                        try {
                            return command.execute(context);
                        } finally {
                            context.enableAuthorizationCheck();
                        }
                    });
                }
                return next.execute(command);
            }
            SubmittedForms.Submission s = SubmittedForms.of(command);
            if (s != null && s.taskId() != null) {
                Held held = held(s.taskId());
                if (held.assignee() != null && !held.assignee().equals(user.getUserId()) && !held.routed()
                        && held.candidate(user)) {
                    log.warn("{} refused working task {} held by {}", user.getUserId(), s.taskId(), held.assignee());
                    throw new AuthorizationException(HELD_BY.formatted(name(held.assignee())));
                }
            }
            return next.execute(command);
        }

        /**
         * Whether the user may clear the task's assignee: its holder, for a pool task; a backup, for a task routed by
         * name. Refused with the reason for the holder of a routed task and for a candidate of a claimed pool task;
         * false (the engine answers) for anyone else.
         */
        private boolean mayGiveBack(Held held, Authentication user, String taskId) {
            if (held.assignee().equals(user.getUserId())) {
                if (held.givenBackBy(user.getUserId())) {
                    return true;
                }
                log.warn("{} refused giving back task {} routed to them", user.getUserId(), taskId);
                throw new AuthorizationException(ROUTED);
            }
            if (!held.candidate(user)) {
                return false;
            }
            if (held.routed() && !held.delegated()) {
                log.info("{} takes over task {} from {} as its backup", user.getUserId(), taskId, held.assignee());
                return true;
            }
            log.warn("{} refused giving back task {} held by {}", user.getUserId(), taskId, held.assignee());
            throw new AuthorizationException(HELD_BY.formatted(name(held.assignee())));
        }

        /** How the task is held now, read without the user's authorization; nobody's when it is gone. */
        private Held held(String taskId) {
            return configuration.getCommandExecutorTxRequired().execute(context -> {
                TaskEntity task = context.getTaskManager().findTaskById(taskId);
                if (task == null) {
                    return Held.NOBODY;
                }
                List<IdentityLink> candidates = task.getIdentityLinks().stream()
                        .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType())).map(l -> (IdentityLink) l)
                        .toList();
                boolean named = task.getTaskDefinition() != null
                        && task.getTaskDefinition().getAssigneeExpression() != null
                        && !Boolean.TRUE.equals(task.getVariableLocal(POOL_TASK));
                return new Held(task.getAssignee(), named, task.getOwner() != null,
                        candidates.stream().map(IdentityLink::getGroupId).filter(g -> g != null)
                                .collect(Collectors.toSet()),
                        candidates.stream().map(IdentityLink::getUserId).filter(u -> u != null)
                                .collect(Collectors.toSet()),
                        task.getTenantId());
            });
        }

        private String name(String userId) {
            User holder = configuration.getCommandExecutorTxRequired().execute(context -> context
                    .runWithoutAuthorization(() -> context.getReadOnlyIdentityProvider().findUserById(userId)));
            return holder == null ? userId : OptionLists.displayName(holder);
        }
    }
}
