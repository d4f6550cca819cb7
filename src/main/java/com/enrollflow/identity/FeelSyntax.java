package com.enrollflow.identity;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.feel.FeelEngine.Failure;
import org.camunda.feel.syntaxtree.ParsedExpression;

import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.Left;

/**
 * Whether a decision table's FEEL text parses, asked of the engine's own FEEL engine at deployment: the engine parses
 * a rule only when it first evaluates it, so a table with {@code > > 5} went live and failed every evaluation.
 */
final class FeelSyntax extends ScalaFeelEngine {

    private static final FeelSyntax ENGINE = new FeelSyntax();

    private FeelSyntax() {
        super(List.of());
    }

    /** Empty when the input entry (unary tests: {@code > 5}, {@code [1..3]}, {@code "A","B"}) parses, else why not. */
    static Optional<String> unaryTestsProblem(String text) {
        return problem(ENGINE.feelEngine.parseUnaryTests(text));
    }

    /** Empty when the expression (an output entry, an input expression) parses, else why not. */
    static Optional<String> expressionProblem(String text) {
        return problem(ENGINE.feelEngine.parseExpression(text));
    }

    private static Optional<String> problem(Either<Failure, ParsedExpression> parsed) {
        return parsed instanceof Left<Failure, ParsedExpression> left ? Optional.of(left.value().message())
                : Optional.empty();
    }
}
