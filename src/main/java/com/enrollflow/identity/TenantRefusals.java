package com.enrollflow.identity;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Another campus's task or instance, touched through the engine (claim, complete, variables …), is refused as
 * "forbidden" (HTTP 403 in the engine REST API and the webapps) with a neutral Chinese message. The engine itself
 * refuses with a plain {@link ProcessEngineException} ("… belongs to no authenticated tenant", ENGINE-13034), which
 * the REST API would answer as a server error (500) naming the object's id. Lists and look-ups by id of another
 * campus's objects simply come back empty or 404: the engine's tenant check filters them.
 */
@Component
class TenantRefusals extends AbstractProcessEnginePlugin {

    static final String FORBIDDEN = "无权操作：该任务或流程属于您不负责的校区（校区数据范围）";
    private static final String ENGINE_TENANT_REFUSAL = "belongs to no authenticated tenant";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.getCustomPreCommandInterceptorsTxRequired().add(new Interceptor());
    }

    static final class Interceptor extends CommandInterceptor {
        @Override
        public <T> T execute(Command<T> command) {
            try {
                return next.execute(command);
            } catch (AuthorizationException e) {
                throw e;
            } catch (ProcessEngineException e) {
                if (isTenantRefusal(e)) {
                    throw new AuthorizationException(FORBIDDEN);
                }
                throw e;
            }
        }

        private static boolean isTenantRefusal(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t.getMessage() != null && t.getMessage().contains(ENGINE_TENANT_REFUSAL)) {
                    return true;
                }
            }
            return false;
        }
    }
}
