package com.enrollflow.identity;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.spring.boot.starter.configuration.impl.custom.CreateAdminUserConfiguration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Camunda's creation of the admin user ({@code camunda.bpm.admin-user}) under the password policy (密码策略), which is
 * on for every user (decision 658). Outside the profile {@code demo}, {@link ProductionSecretsGuard} has already
 * refused a start whose {@code ENROLLFLOW_ADMIN_PASSWORD} breaks the policy, so the admin is created as Camunda
 * creates it. The demo's public {@code admin}/{@code admin} breaks it on purpose (README): only in the demo is the
 * admin created past the policy, as the demo staff are ({@link DemoData}). Replaces the starter's bean of the same
 * type; the group {@code camunda-admin} and its grants are still the starter's.
 */
@Component
class AdminUserCreation extends CreateAdminUserConfiguration {

    private final boolean demo;

    AdminUserCreation(Environment environment) {
        this.demo = environment.acceptsProfiles(Profiles.of(ProductionSecretsGuard.DEMO_PROFILE));
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        if (!demo) {
            super.postProcessEngineBuild(engine);
            return;
        }
        // the engine is built and serves nobody yet: the policy is off only for this one creation
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        boolean policy = configuration.isEnablePasswordPolicy();
        configuration.setEnablePasswordPolicy(false);
        try {
            super.postProcessEngineBuild(engine);
        } finally {
            configuration.setEnablePasswordPolicy(policy);
        }
    }
}
