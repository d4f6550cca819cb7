package com.enrollflow.workflow.engine;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

import com.enrollflow.common.FieldProblem;
import com.enrollflow.workflow.FormLabels;
import com.enrollflow.workflow.InputRefusal;

/**
 * A refused form answers with the field and the problem in plain Chinese, and nothing else: the engine wraps what a
 * task listener throws ("ENGINE-03051 There was an exception while invoking the TaskListener …", which the REST
 * API answers with 500); this interceptor finds our own {@link InputRefusal} in the cause chain and rethrows it
 * unwrapped. A refused form submission (complete, submit-form, a start form) names each field by the label of the
 * form the user saw, read from the deployment (实收金额：不能超过应收 ¥3,200.00), a choice's codes by the form's labels
 * for them (联系结果：必填，可选值：已联系上，信息正确（REACHED）、…), and is thrown as the engine's
 * form-validation exception, the one type the REST API answers with 400 for these calls; other commands (a claim)
 * get the refusal itself, a {@code BadUserRequestException} (400). The command's transaction is rolled back as for
 * any failure: nothing of a refused submission is stored.
 * <p>
 * Two interceptors: one inside the command context unwraps the refusal before the context closes, so the engine logs
 * it as the user's mistake it is (debug) rather than as an error with a stack trace; one outside names the fields,
 * since reading the form is a command of its own.
 */
@Component
class FormRefusals extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setCustomPreCommandInterceptorsTxRequired(
                EngineInterceptors.with(configuration.getCustomPreCommandInterceptorsTxRequired(),
                        new Interceptor(configuration)));
        configuration.setCustomPostCommandInterceptorsTxRequired(
                EngineInterceptors.with(configuration.getCustomPostCommandInterceptorsTxRequired(), new Unwrap()));
    }

    /** Inside the command context: the refusal leaves the command unwrapped, and the engine logs it at debug. */
    static final class Unwrap extends CommandInterceptor {
        @Override
        public <T> T execute(Command<T> command) {
            try {
                return next.execute(command);
            } catch (ProcessEngineException e) {
                InputRefusal refusal = refusalIn(e);
                throw refusal == null ? e : refusal;
            }
        }
    }

    /** The refusal of a form submission, fields named as the form names them; the REST API answers it with 400. */
    static final class Refused extends FormFieldValidationException {

        Refused(String message, List<FieldProblem> problems, InputRefusal cause) {
            super(problems, message, cause);
        }

        List<FieldProblem> problems() {
            return getDetail();
        }
    }

    static final class Interceptor extends CommandInterceptor {

        private final ProcessEngineConfigurationImpl configuration;

        Interceptor(ProcessEngineConfigurationImpl configuration) {
            this.configuration = configuration;
        }

        @Override
        public <T> T execute(Command<T> command) {
            try {
                return next.execute(command);
            } catch (ProcessEngineException e) {
                InputRefusal refusal = refusalIn(e);
                if (refusal == null) {
                    throw e;
                }
                throw refused(command, refusal);
            }
        }

        private ProcessEngineException refused(Command<?> command, InputRefusal refusal) {
            SubmittedForms.Submission submission = SubmittedForms.of(command);
            if (submission == null || !submission.formValidation() || Context.getCommandContext() != null) {
                // not a form answered as one, or a nested command: the outermost command names the fields
                return refusal;
            }
            // the form the user saw, read without their authorization: its labels are no secret to whoever submitted it
            // (none, e.g. a task without a Camunda Form: the fields keep their variable names)
            Optional<FormLabels> read = SubmittedForms.readForm(configuration, submission.form(), FormLabels::of);
            if (read.isEmpty() && submission.start()) {
                // a process without a start form is started by code, which expects the refusal itself
                return refusal;
            }
            FormLabels labels = read.orElse(FormLabels.none());
            List<FieldProblem> named = refusal.problems(labels::label, labels::choice);
            return new Refused(named.isEmpty() ? refusal.getMessage() : InputRefusal.message(named), named, refusal);
        }
    }

    private static InputRefusal refusalIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InputRefusal refusal) {
                return refusal;
            }
        }
        return null;
    }
}
