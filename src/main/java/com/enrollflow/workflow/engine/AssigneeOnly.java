package com.enrollflow.workflow.engine;

import static com.enrollflow.workflow.engine.CommandFields.field;
import static com.enrollflow.workflow.engine.CommandFields.read;

import java.lang.reflect.Field;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.User;
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
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.enrollflow.workflow.OptionLists;

/**
 * A task someone has claimed from a pool is worked by them alone. Camunda lets every candidate of a task complete it
 * (its {@code TASK_WORK} comes from the candidate group), claimed or not: through the REST API an agent of the call
 * centre could complete the lead a colleague had claimed and was calling, and history would record the colleague as
 * its assignee. This interceptor refuses (403, naming who holds it) a completion, form submission, BPMN error or
 * escalation by a logged-in user of a pool task claimed by someone else: the holder gives it back (取消认领) first,
 * or a hand-over (离职转交) moves it. An unclaimed pool task stays open to its candidates, as in Tasklist. A task the
 * process routes to a person by name and to candidates beside (登记今日课堂: the teacher, and 教务 who cover for a
 * teacher who is ill) stays open to those candidates: they are the backups the process owner chose. Our own code
 * (no user logged in) and Camunda admins are not concerned.
 *
 * <p>Giving a claimed pool task back (Tasklist's 取消认领, REST {@code unclaim}) is the engine's re-assignment, which
 * needs {@code TASK_ASSIGN}, a right staff do not have (they may not re-route work): a consultant who claimed the wrong
 * lead from 可领取商机 was left holding it. Its holder may give back a pool task (candidates, no assignee named by the
 * process: they see it again in their pool), not one routed to them by name, nor a delegated one; nothing else of
 * the right.
 */
@Component
class AssigneeOnly extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(AssigneeOnly.class);

    private static final Field ASSIGNED_TASK = field(AbstractSetTaskPropertyCmd.class, "taskId");
    private static final Field ASSIGNED_USER = field(AbstractAddIdentityLinkCmd.class, "userId");

    private static final Field CLAIMED_TASK = field(ClaimTaskCmd.class, "taskId");
    private static final Field CLAIMED_BY = field(ClaimTaskCmd.class, "userId");

    static final String ROUTED = "该任务由流程指定给您办理，不能取消认领：请在任务表单中办理（如退回商机请选择退回并填写原因）";

    static final String HELD_BY = "该任务已由 %s 认领，只有认领人可以办理；如需接手，请其取消认领后再领取";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setCustomPreCommandInterceptorsTxRequired(
                EngineInterceptors.with(configuration.getCustomPreCommandInterceptorsTxRequired(),
                        new Interceptor(configuration)));
    }

    /**
     * A task's holder; {@code routed}: the process names its assignee (camunda:assignee), so its candidates are the
     * backups the process owner chose (教务 for a teacher's 登记今日课堂, 客服 for 续费沟通), who may work it as it is.
     */
    record Held(String assignee, boolean routed, boolean delegated, boolean candidates) {

        /** Claimed from a pool by someone other than the user. */
        boolean claimedByAnother(String userId) {
            return assignee != null && !assignee.equals(userId) && !routed;
        }

        /** The user holds a pool task they may give back to its candidates. */
        boolean givenBackBy(String userId) {
            return userId.equals(assignee) && !routed && !delegated && candidates;
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
            if (user != null && user.getUserId() != null && Context.getCommandContext() == null
                    && (user.getGroupIds() == null || !user.getGroupIds().contains(Groups.CAMUNDA_ADMIN))) {
                String givenBack = command instanceof AssignTaskCmd && read(ASSIGNED_USER, command) == null
                        ? (String) read(ASSIGNED_TASK, command)
                        // a claim for nobody is the engine's other way of giving a task back, checked only against
                        // the candidate's right: a colleague took a claimed lead away, a consultant dropped his own
                        : command instanceof ClaimTaskCmd && read(CLAIMED_BY, command) == null
                                ? (String) read(CLAIMED_TASK, command) : null;
                Held held = givenBack == null ? null : held(givenBack);
                if (held != null && held.assignee() != null) {
                    refuseGivingBack(held, user.getUserId(), givenBack);
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
                SubmittedForms.Submission s = SubmittedForms.of(command);
                if (s != null && s.taskId() != null) {
                    Held worked = held(s.taskId());
                    if (worked.claimedByAnother(user.getUserId())) {
                        log.warn("{} refused working task {} held by {}", user.getUserId(), s.taskId(),
                                worked.assignee());
                        throw new AuthorizationException(HELD_BY.formatted(name(worked.assignee())));
                    }
                }
            }
            return next.execute(command);
        }

        /** Refuses giving the task back unless the user holds it and it is a pool task (403, saying why). */
        private void refuseGivingBack(Held held, String userId, String taskId) {
            if (!held.assignee().equals(userId)) {
                log.warn("{} refused giving back task {} held by {}", userId, taskId, held.assignee());
                throw new AuthorizationException(HELD_BY.formatted(name(held.assignee())));
            }
            if (!held.givenBackBy(userId)) {
                log.warn("{} refused giving back task {} routed to them", userId, taskId);
                throw new AuthorizationException(ROUTED);
            }
        }

        /** How the task is held now, read without the user's authorization; nobody's when it is gone. */
        private Held held(String taskId) {
            return configuration.getCommandExecutorTxRequired().execute(context -> {
                TaskEntity task = context.getTaskManager().findTaskById(taskId);
                if (task == null) {
                    return new Held(null, false, false, false);
                }
                return new Held(task.getAssignee(), task.getTaskDefinition() != null
                        && task.getTaskDefinition().getAssigneeExpression() != null, task.getOwner() != null,
                        task.getIdentityLinks().stream().anyMatch(l -> IdentityLinkType.CANDIDATE.equals(l.getType())));
            });
        }

        private String name(String userId) {
            User holder = configuration.getCommandExecutorTxRequired().execute(context -> context
                    .runWithoutAuthorization(() -> context.getReadOnlyIdentityProvider().findUserById(userId)));
            return holder == null ? userId : OptionLists.displayName(holder);
        }
    }
}
