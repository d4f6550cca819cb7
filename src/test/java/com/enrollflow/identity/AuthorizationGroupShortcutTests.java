package com.enrollflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.enrollflow.testsupport.EnrollFlowTest;

/** The engine's authorization checks run with AuthorizationGroupShortcut's manager (decision 351). */
@EnrollFlowTest
class AuthorizationGroupShortcutTests {

    @Autowired
    ProcessEngine engine;

    @Test
    void shouldCheckAuthorizationsWithTheShortcutManager() {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        Class<?> manager = configuration.getCommandExecutorTxRequired()
                .execute(context -> context.getAuthorizationManager().getClass());
        assertThat(manager).isEqualTo(AuthorizationGroupShortcut.ShortcutAuthorizationManager.class);
    }

    @Test
    void shouldPassAShortGroupListOnUnchangedAndALongOneToTheEngine() {
        List<String> staff = List.of("callCenter", "headOffice", "groupWithoutAnyAuthorization");
        List<String> many = IntStream.rangeClosed(1, AuthorizationGroupShortcut.MAX_UNFILTERED_GROUPS + 1)
                .mapToObj(i -> "group" + i).toList();
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        List<List<String>> answers = configuration.getCommandExecutorTxRequired().execute(context -> {
            AuthorizationManager authorizations = context.getAuthorizationManager();
            return List.of(authorizations.filterAuthenticatedGroupIds(staff),
                    authorizations.filterAuthenticatedGroupIds(many));
        });
        assertThat(answers.get(0)).containsExactlyElementsOf(staff);
        // the engine's narrowing: none of these groups has an authorization row
        assertThat(answers.get(1)).isEmpty();
    }
}
