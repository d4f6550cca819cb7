package com.enrollflow.identity;

import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Identity look-ups the application makes for itself (who works at which campus, which campuses a user serves)
 * while a staff member is logged in to the engine: with authorizations on, the engine would answer them with what
 * that staff member may read (e.g. only the tenants they belong to), which is not the question asked. The same for
 * an engine call the application makes itself once it has checked the caller ({@link #asApplication}).
 */
@Component
public class SystemLookups {

    private final ProcessEngineConfigurationImpl engine;

    SystemLookups(@Lazy ProcessEngineConfigurationImpl engine) {
        this.engine = engine;
    }

    public <T> T unrestricted(Supplier<T> lookup) {
        return engine.getCommandExecutorTxRequired()
                .execute(command -> command.runWithoutAuthorization(lookup::get));
    }

    /**
     * An engine call the application makes itself after checking the caller's rights, with the engine's logged-in
     * user (a Tasklist start form's) set aside for it: under that user the call's own look-ups would meet the user's
     * tenants and the engine's query limit ("An unbound number of results is forbidden"), as /api's calls, made with
     * no engine user, do not. The user is back when it returns.
     */
    public void asApplication(Runnable call) {
        asApplication(() -> {
            call.run();
            return null;
        });
    }

    /** The same for a call that answers. */
    public <T> T asApplication(Supplier<T> call) {
        IdentityService identity = engine.getIdentityService();
        Authentication user = identity.getCurrentAuthentication();
        identity.clearAuthentication();
        try {
            return call.get();
        } finally {
            if (user != null) {
                identity.setAuthentication(user);
            }
        }
    }
}
