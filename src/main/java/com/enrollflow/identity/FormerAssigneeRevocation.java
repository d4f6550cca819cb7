package com.enrollflow.identity;

import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A task's former assignee loses it (decision 596). Camunda grants each assignee the task (a row per task and user,
 * the TASK_WORK default permission) and never takes the grant back when the task moves on: after 离职转交 the
 * consultant who left could still list the task, read the family's phone in its form and complete it through
 * Tasklist or the REST API, behind the back of the colleague it was handed to; the same after a supervisor reassigns a
 * task in Tasklist. When the assignee changes, the former assignee's grant on that task is deleted in the same
 * command, unless they still hold the task another way: as its owner (a task they delegated) or as a candidate user (a
 * pool task they gave back). Their groups' grants are untouched. The grants earlier releases left behind are
 * revoked once the application has started ({@link #revokeLeftovers}; idempotent, every node may run it).
 */
@Component
class FormerAssigneeRevocation extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(FormerAssigneeRevocation.class);

    private final JdbcClient jdbc;

    FormerAssigneeRevocation(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setResourceAuthorizationProvider(new Provider());
    }

    /**
     * The user grants on open tasks (resource type 7) of someone who is neither the task's assignee nor its owner nor
     * one of its candidate users: what a hand-over or a reassignment left behind before this release.
     */
    @EventListener(ApplicationReadyEvent.class)
    int revokeLeftovers() {
        int revoked = jdbc.sql("delete from ACT_RU_AUTHORIZATION where RESOURCE_TYPE_ = 7 and USER_ID_ is not null "
                + "and USER_ID_ <> '*' and exists (select 1 from ACT_RU_TASK t "
                + "where t.ID_ = ACT_RU_AUTHORIZATION.RESOURCE_ID_ "
                + "and coalesce(t.ASSIGNEE_, '') <> ACT_RU_AUTHORIZATION.USER_ID_ "
                + "and coalesce(t.OWNER_, '') <> ACT_RU_AUTHORIZATION.USER_ID_) and not exists (select 1 "
                + "from ACT_RU_IDENTITYLINK l where l.TASK_ID_ = ACT_RU_AUTHORIZATION.RESOURCE_ID_ "
                + "and l.USER_ID_ = ACT_RU_AUTHORIZATION.USER_ID_ and l.TYPE_ = 'candidate')").update();
        if (revoked > 0) {
            log.info("revoked {} task grants of former assignees", revoked);
        }
        // DELETE (16) on a deployment, which the engine's default gave whoever deployed before this release
        int deletes = jdbc.sql("update ACT_RU_AUTHORIZATION set PERMS_ = PERMS_ - 16 where RESOURCE_TYPE_ = 9 "
                + "and TYPE_ = 1 and USER_ID_ is not null and RESOURCE_ID_ <> '*' and mod(PERMS_ / 16, 2) = 1 "
                + "and PERMS_ > 0").update();
        if (deletes > 0) {
            log.info("revoked DELETE on {} deployments from the users who deployed them", deletes);
        }
        return revoked + deletes;
    }

    /**
     * The engine's provider, which also revokes what it granted the assignee before, and gives whoever deploys only
     * READ on their deployment: the engine's default adds DELETE, and a process owner who deleted the live version of
     * a table reverted it without a word (with {@code cascade}, its decision history too). A table is undone by
     * deploying the one before it again.
     */
    static class Provider extends DefaultAuthorizationProvider {

        @Override
        public AuthorizationEntity[] newDeployment(Deployment deployment) {
            AuthorizationEntity[] granted = super.newDeployment(deployment);
            if (granted != null) {
                for (AuthorizationEntity a : granted) {
                    a.removePermission(Permissions.DELETE);
                }
            }
            return granted;
        }

        @Override
        public AuthorizationEntity[] newTaskAssignee(Task task, String oldAssignee, String newAssignee) {
            if (oldAssignee != null && !oldAssignee.equals(newAssignee) && !oldAssignee.equals(task.getOwner())
                    && !candidate(task, oldAssignee)) {
                Context.getCommandContext().getAuthorizationManager()
                        .deleteAuthorizationsByResourceIdAndUserId(Resources.TASK, task.getId(), oldAssignee);
            }
            return super.newTaskAssignee(task, oldAssignee, newAssignee);
        }

        private static boolean candidate(Task task, String userId) {
            return task instanceof TaskEntity entity && entity.getIdentityLinks().stream()
                    .anyMatch(link -> IdentityLinkType.CANDIDATE.equals(link.getType())
                            && userId.equals(link.getUserId()));
        }
    }
}
