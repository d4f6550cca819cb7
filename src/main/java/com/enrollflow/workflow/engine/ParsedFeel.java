package com.enrollflow.workflow.engine;

import java.util.List;
import java.util.function.Function;

import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.feel.FeelEngine.Failure;
import org.camunda.feel.FeelEngine.UnaryTests$;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.context.VariableProvider.CompositeVariableProvider;
import org.camunda.feel.context.VariableProvider.StaticVariableProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import camundajar.impl.scala.collection.immutable.Map;
import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.Left;
import camundajar.impl.scala.util.Right;

/**
 * DMN's FEEL expressions parsed once per text, not at every evaluation.
 *
 * <p>Why: the engine's FEEL integration hands each input expression, input entry and output entry to the FEEL
 * engine as text, and the FEEL engine parses and validates it before it evaluates it, every time. A decision table's
 * texts are fixed per deployed version and few (the tables of bpmn/ hold about 200 distinct ones), while the tables
 * are evaluated on every lead, every plan and every price shown. In the full-funnel benchmark parsing was a third of
 * the time our decisions took (docs/benchmark.md).
 *
 * <p>What stays the same: the FEEL engine, its value mappers and custom functions are the engine's own
 * ({@link ScalaFeelEngine}); an expression is parsed and validated by the FEEL engine's own {@code parseExpression} /
 * {@code parseUnaryTests} and evaluated by its {@code eval}, with the same variable contexts the engine builds
 * (for an input entry: the input variable's name beside the decision's variables). A text that does not parse is
 * not kept, and goes the engine's own way, so its error message is the engine's. The cache holds at most
 * {@value #MAX_TEXTS} texts of each kind, so redeploying tables again and again does not grow it without end.
 *
 * <p>Installed before the engine builds its DMN engine: a preset DMN configuration whose FEEL engine factory makes
 * this engine. The process engine's builder still adds its history and metrics listeners, script engines and FEEL
 * custom functions to it, as it does to the default one. The legacy JUEL-based FEEL
 * ({@code dmnFeelEnableLegacyBehavior}) is not used by this application.
 */
@Component
public class ParsedFeel extends AbstractProcessEnginePlugin {

    static final int MAX_TEXTS = 10_000;

    private static final Logger log = LoggerFactory.getLogger(ParsedFeel.class);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getDmnEngineConfiguration() != null) {
            log.warn("a DMN engine configuration is already set: FEEL expressions are parsed at every evaluation");
            return;
        }
        configuration.setDmnEngineConfiguration(dmnEngineConfiguration());
    }

    /** A DMN engine configuration whose FEEL engine parses each text once: the engine's, and the tables' tests'. */
    public static DefaultDmnEngineConfiguration dmnEngineConfiguration() {
        DefaultDmnEngineConfiguration dmn =
                (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        dmn.setFeelEngineFactory(() -> new CachingFeelEngine(dmn.getFeelCustomFunctionProviders()));
        return dmn;
    }

    /** The engine's Scala FEEL engine, with each expression text parsed once. */
    static class CachingFeelEngine extends ScalaFeelEngine {

        private final Cache<String, ParsedExpression> expressions =
                Caffeine.newBuilder().maximumSize(MAX_TEXTS).build();
        private final Cache<String, ParsedExpression> unaryTests =
                Caffeine.newBuilder().maximumSize(MAX_TEXTS).build();

        CachingFeelEngine(List<FeelCustomFunctionProvider> functionProviders) {
            super(functionProviders == null ? List.of() : functionProviders);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T evaluateSimpleExpression(String expression, VariableContext variableContext) {
            ParsedExpression parsed = parsed(expressions, expression, feelEngine::parseExpression);
            if (parsed == null) {
                return super.evaluateSimpleExpression(expression, variableContext);
            }
            VariableProvider variables = new ContextVariableWrapper(variableContext);
            return (T) value(feelEngine.eval(parsed, context(variables)));
        }

        @Override
        public boolean evaluateSimpleUnaryTests(String expression, String inputVariable,
                VariableContext variableContext) {
            ParsedExpression parsed = parsed(unaryTests, expression, feelEngine::parseUnaryTests);
            if (parsed == null) {
                return super.evaluateSimpleUnaryTests(expression, inputVariable, variableContext);
            }
            Map<String, Object> input = new Map.Map1<>(UnaryTests$.MODULE$.inputVariable(), inputVariable);
            VariableProvider variables = new CompositeVariableProvider(
                    toScalaList(new StaticVariableProvider(input), new ContextVariableWrapper(variableContext)));
            return Boolean.TRUE.equals(value(feelEngine.eval(parsed, context(variables))));
        }

        /** The parsed text, or null when it does not parse (not kept: the engine's own path reports it). */
        private static ParsedExpression parsed(Cache<String, ParsedExpression> cache, String text,
                Function<String, Either<Failure, ParsedExpression>> parser) {
            ParsedExpression known = cache.getIfPresent(text);
            if (known != null) {
                return known;
            }
            Either<Failure, ParsedExpression> result = parser.apply(text);
            if (result instanceof Right<Failure, ParsedExpression> right) {
                cache.put(text, right.value());
                return right.value();
            }
            return null;
        }

        private static CustomContext context(VariableProvider variables) {
            return new CustomContext() {
                @Override
                public VariableProvider variableProvider() {
                    return variables;
                }
            };
        }

        private static Object value(Either<Failure, Object> result) {
            if (result instanceof Left<Failure, Object> left) {
                throw LOGGER.evaluationException(left.value().message());
            }
            return ((Right<Failure, Object>) result).value();
        }
    }
}
