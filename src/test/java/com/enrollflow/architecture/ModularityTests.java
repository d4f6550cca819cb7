package com.enrollflow.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.camunda.bpm.engine.impl.identity.Authentication;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The module boundaries, checked on the compiled classes so that the next process lands in the same shape:
 * <ul>
 * <li>the feature packages form no cycle (common ← reference ← the features ← the adapters);</li>
 * <li>the business rules (every feature package) know nothing of Camunda nor of the adapters that call them;</li>
 * <li>each process's engine code sits in its own package under {@code workflow}, and no process package reaches
 * into another's; what they share is in {@code workflow} itself, which knows none of them;</li>
 * <li>delegates and listeners use the engine's public API only; the engine plugins, which must use its internals,
 * sit together in {@code workflow.engine}.</li>
 * </ul>
 */
class ModularityTests {

    /** The process packages under workflow: one per BPMN family (docs/process-map.md). */
    static final List<String> PROCESSES = List.of("intake", "enrollment", "assignment", "consultation", "approval",
            "payment", "scheduling", "privacy", "teaching", "refund", "referral", "suspension", "complaint", "transfer",
            "teacherchange", "survey", "care", "quality", "renewal", "marketing", "planning", "invoice");

    /** Business packages: rules, storage and the /api controllers; no engine. */
    static final List<String> FEATURES = List.of("common", "reference", "customer", "opportunity", "lead",
            "assignment", "consultation", "pricing", "approval", "contract", "payment", "credit", "scheduling",
            "notification", "enrollment", "teaching", "refund", "reporting", "privacy", "referral", "suspension",
            "complaint", "transfer", "teacherchange", "survey", "care", "quality", "renewal", "marketing", "planning",
            "invoice");

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.enrollflow");

    @Test
    void theTopLevelPackagesFormNoCycle() {
        slices().matching("com.enrollflow.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void businessRulesKnowNothingOfTheEngineNorOfTheAdapters() {
        noClasses().that().resideInAnyPackage(packages("com.enrollflow.", FEATURES, ".."))
                .should().dependOnClassesThat().resideInAnyPackage("org.camunda..", "com.enrollflow.workflow..",
                        "com.enrollflow.identity..", "com.enrollflow.deployment..")
                .because("BPMN owns the flow and Java the rules: a rule must be testable and callable without the "
                        + "engine (docs/process-map.md, 'Where the code is')")
                .check(CLASSES);
    }

    /** Constants are inlined by javac, so the class files miss an import of one: the sources are read too. */
    @Test
    void businessRulesImportNoAdapterInTheirSources() throws IOException {
        for (String feature : FEATURES) {
            Path dir = Path.of("src/main/java/com/enrollflow", feature);
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    assertThat(Files.readAllLines(file)).as(file.toString())
                            .noneMatch(line -> line.matches("import (static )?(org\\.camunda|com\\.enrollflow\\."
                                    + "(workflow|identity|deployment))\\..*"));
                }
            }
        }
    }

    /**
     * What 经营看板 (the Cockpit plugin) may read: the reports' own services, so that the board and /api/reports
     * can never disagree. reporting (funnel, service levels), survey (满意度) and renewal (续费, counted apart from
     * the new-lead funnel) hold those reports, as do marketing (活动 ROI), planning (计划完成) and quality (质检);
     * pricing gives the price list as /api/price-list does (价目表, decision 566); identity gives the role check.
     * Nothing that changes data.
     */
    static final List<String> BOARD_READS = List.of("cockpit", "common", "reference", "identity", "reporting", "survey",
            "renewal", "marketing", "planning", "quality", "pricing");

    @Test
    void theBoardReadsOnlyTheReports() {
        noClasses().that().resideInAPackage("com.enrollflow.cockpit..")
                .should().dependOnClassesThat(resideInAPackage("com.enrollflow..")
                        .and(not(resideInAnyPackage(packages("com.enrollflow.", BOARD_READS, "..")))))
                .because("the board shows the figures /api/reports computes; it calls those services and "
                        + "nothing else of the application (decision 311)")
                .check(CLASSES);
    }

    @Test
    void eachProcessKeepsToItsOwnPackage() {
        for (String process : PROCESSES) {
            String[] others = PROCESSES.stream().filter(p -> !p.equals(process))
                    .map(p -> "com.enrollflow.workflow." + p + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage("com.enrollflow.workflow." + process + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("a process's delegates, listeners and variables sit together; what two processes "
                            + "share belongs to com.enrollflow.workflow or to a feature package")
                    .check(CLASSES);
        }
        noClasses().that().resideInAPackage("com.enrollflow.workflow")
                .should().dependOnClassesThat().resideInAnyPackage(packages("com.enrollflow.workflow.", PROCESSES, ".."))
                .check(CLASSES);
    }

    @Test
    void delegatesAndListenersUseThePublicEngineApiOnly() {
        noClasses().that().resideInAnyPackage(packages("com.enrollflow.workflow.", PROCESSES, ".."))
                .or().resideInAPackage("com.enrollflow.workflow")
                .should().dependOnClassesThat(resideInAPackage("org.camunda.bpm.engine.impl..")
                        // the return type of the public IdentityService.getCurrentAuthentication()
                        .and(not(equivalentTo(Authentication.class))))
                .because("engine internals change between Camunda versions; only the engine plugins in "
                        + "com.enrollflow.workflow.engine may use them")
                .check(CLASSES);
    }

    @Test
    void delegatesChangeDataThroughServicesOnly() {
        noClasses().that().resideInAPackage("com.enrollflow.workflow..")
                .should().callMethodWhere(DescribedPredicate.describe("a repository method that writes",
                        call -> call.getTargetOwner().getSimpleName().endsWith("Repository")
                                && !call.getName().matches(READS)))
                .because("a delegate is a thin adapter over one domain call: what changes data is a service's "
                        + "method, which owns its tables, checks and transaction; the engine code may read "
                        + "(find…, get…, exists…) what a task card or a variable shows")
                .check(CLASSES);
    }

    /** Repository methods that only read. */
    static final String READS = "(find|get|exists|first|members|open|count|list).*";

    private static String[] packages(String prefix, List<String> names, String suffix) {
        return names.stream().map(n -> prefix + n + suffix).toArray(String[]::new);
    }
}
