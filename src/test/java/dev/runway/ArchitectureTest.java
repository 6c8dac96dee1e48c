package dev.runway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the one-way data flow of DESIGN.md true: runbook ← plan ← engine ← cli. */
class ArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.runway");
    }

    @Test
    void the_runbook_format_depends_on_nothing_else_of_runway() {
        noClasses().that().resideInAPackage("dev.runway.runbook..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.runway.plan..", "dev.runway.engine..",
                        "dev.runway.store..", "dev.runway.cli..", "dev.runway.record..", "dev.runway.app..", "dev.runway.access..")
                .check(classes);
    }

    @Test
    void the_plan_does_not_know_the_engine_or_the_interfaces() {
        noClasses().that().resideInAPackage("dev.runway.plan..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.runway.engine..", "dev.runway.store..",
                        "dev.runway.cli..", "dev.runway.record..", "dev.runway.app..")
                .check(classes);
    }

    @Test
    void the_engine_declares_its_store_and_never_uses_an_implementation() {
        noClasses().that().resideInAPackage("dev.runway.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.runway.store..", "dev.runway.cli..",
                        "dev.runway.record..", "dev.runway.app..")
                .check(classes);
    }

    @Test
    void the_store_and_the_record_never_reach_up_into_the_interfaces() {
        noClasses().that().resideInAnyPackage("dev.runway.store..", "dev.runway.record..", "dev.runway.access..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.runway.cli..", "dev.runway.app..")
                .check(classes);
    }

    @Test
    void only_the_app_package_reads_the_wall_clock() {
        noClasses().that().resideOutsideOfPackages("dev.runway.app..", "dev.runway.cli..")
                .should().callMethod(java.time.Clock.class, "systemUTC")
                .check(classes);
    }

    @Test
    void packages_have_no_cycles() {
        slices().matching("dev.runway.(*)..").should().beFreeOfCycles().check(classes);
    }
}
