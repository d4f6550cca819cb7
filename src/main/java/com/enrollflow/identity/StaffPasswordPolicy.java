package com.enrollflow.identity;

import java.util.Map;

import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.DefaultPasswordPolicyImpl;
import org.springframework.stereotype.Component;

/**
 * The password policy (密码策略) of every account: Camunda's default rules (decision 658) and an upper length (decision
 * 666). Without one, a password of two million characters was taken, and every sign-in with such a text costs its
 * hashing. 128 characters leave room for any passphrase or password manager. The webapps list the rule as they list
 * the others, by its placeholder ({@code PASSWORD_POLICY_MAX_LENGTH} in Admin's and Welcome's {@code zh.json}).
 */
@Component
class StaffPasswordPolicy extends AbstractProcessEnginePlugin {

    static final int MAX_LENGTH = 128;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setPasswordPolicy(new Policy());
    }

    /** The default rules, with the upper length listed after the lower one. */
    static final class Policy extends DefaultPasswordPolicyImpl {
        Policy() {
            int afterLength = 0;
            while (afterLength < rules.size()
                    && !"PASSWORD_POLICY_LENGTH".equals(rules.get(afterLength).getPlaceholder())) {
                afterLength++;
            }
            rules.add(Math.min(afterLength + 1, rules.size()), new MaxLength(MAX_LENGTH));
        }
    }

    static final class MaxLength implements PasswordPolicyRule {

        static final String PLACEHOLDER = "PASSWORD_POLICY_MAX_LENGTH";

        private final int maxLength;

        MaxLength(int maxLength) {
            this.maxLength = maxLength;
        }

        @Override
        public String getPlaceholder() {
            return PLACEHOLDER;
        }

        @Override
        public Map<String, String> getParameters() {
            return Map.of("maxLength", String.valueOf(maxLength));
        }

        @Override
        public boolean execute(String password) {
            // a missing password is the other rules' to refuse
            return password == null || password.codePointCount(0, password.length()) <= maxLength;
        }
    }
}
