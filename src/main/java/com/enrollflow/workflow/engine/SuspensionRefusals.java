package com.enrollflow.workflow.engine;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.SuspendedEntityInteractionException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;

import com.enrollflow.common.Refusal;
import com.enrollflow.workflow.InputRefusal;

/**
 * What a process owner's 暂停 (suspend, in Cockpit) stops is refused in Chinese, naming the process: a task of a
 * suspended instance completed in Tasklist, a form whose step starts a suspended process (a teacher's mark starts
 * 课消后续跟进), a job that does (an incident in Cockpit). The engine refuses with "ENGINE-03043 Process Definition
 * with id 'lessonFollowUps:3:…' is suspended." — English, an id, and through the REST API a server error (500) under
 * "Cannot instantiate process definition …". Here the refusal is our {@link InputRefusal} (400, the form's refusal
 * shown above the form), e.g. 无法办理：流程“课消后续跟进”已被暂停（挂起），不能启动；请流程负责人在 Cockpit 中激活后再试，此次操作未做任何更改.
 * The command is rolled back as for any failure. Inside the command context, so the suspended entity's process can
 * be read from what the command has loaded and the deployment cache.
 */
@Component
class SuspensionRefusals extends AbstractProcessEnginePlugin {

    /** EnginePersistenceLogger.suspendedEntityException: "{type} with id '{id}' is suspended." */
    private static final Pattern SUSPENDED = Pattern.compile("ENGINE-03043 (.+) with id '([^']+)' is suspended");
    /** How every such refusal begins; the REST API's wording before it is cut (common.EngineErrorBodies). */
    static final String PREFIX = "无法办理：";
    static final String AFTER = "请流程负责人在 Cockpit 中激活后再试，此次操作未做任何更改";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setCustomPostCommandInterceptorsTxRequired(EngineInterceptors.with(
                configuration.getCustomPostCommandInterceptorsTxRequired(), new Interceptor()));
    }

    static final class Interceptor extends CommandInterceptor {
        @Override
        public <T> T execute(Command<T> command) {
            try {
                return next.execute(command);
            } catch (SuspendedEntityInteractionException e) {
                Matcher m = SUSPENDED.matcher(String.valueOf(e.getMessage()));
                if (!m.find()) {
                    throw e;
                }
                Suspended refusal = new Suspended(PREFIX + message(m.group(1), m.group(2)));
                refusal.initCause(e);
                throw refusal;
            }
        }
    }

    /**
     * The refusal: shown above the form in Tasklist (as every {@link InputRefusal}), 409 through /api (a
     * {@link Refusal}: a mark posted there while 课消后续跟进 is suspended).
     */
    static final class Suspended extends InputRefusal implements Refusal {
        Suspended(String message) {
            super(message);
        }
    }

    /** The refusal for the suspended entity of the engine's {@code type} and {@code id}. */
    static String message(String type, String id) {
        return switch (type) {
            case "Process Definition" -> "流程" + named(definitionName(id)) + "已被暂停（挂起），不能启动；" + AFTER;
            case "task", "parent task" -> "这个任务所在的流程" + named(taskProcessName(id)) + "已被暂停（挂起），暂时不能办理；"
                    + AFTER;
            case "Execution" -> "流程" + named(executionProcessName(id)) + "已被暂停（挂起），暂时不能继续；" + AFTER;
            default -> "已被暂停（挂起）：" + type + " " + id + "；" + AFTER;
        };
    }

    private static String named(String name) {
        return name == null ? "" : "“" + name + "”";
    }

    private static String definitionName(String definitionId) {
        ProcessDefinitionEntity definition = Context.getProcessEngineConfiguration() == null ? null
                : Context.getProcessEngineConfiguration().getDeploymentCache()
                        .findProcessDefinitionFromCache(definitionId);
        if (definition != null && definition.getName() != null) {
            return definition.getName();
        }
        // not cached (another node deployed it): its key, the id's first part
        return definitionId.contains(":") ? definitionId.substring(0, definitionId.indexOf(':')) : null;
    }

    private static String taskProcessName(String taskId) {
        return cachedProcessName(TaskEntity.class, taskId, TaskEntity::getProcessDefinitionId);
    }

    private static String executionProcessName(String executionId) {
        return cachedProcessName(ExecutionEntity.class, executionId, ExecutionEntity::getProcessDefinitionId);
    }

    /** The process of an entity the failing command has loaded (its definition named as above), or null. */
    private static <E extends DbEntity> String cachedProcessName(Class<E> type, String id,
            Function<E, String> definitionId) {
        CommandContext context = Context.getCommandContext();
        E entity = context == null ? null : context.getDbEntityManager().getCachedEntity(type, id);
        return entity == null || definitionId.apply(entity) == null ? null : definitionName(definitionId.apply(entity));
    }
}
