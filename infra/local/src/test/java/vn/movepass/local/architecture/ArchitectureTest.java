package vn.movepass.local.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The architecture rules of the README, as tests. */
class ArchitectureTest {
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("vn.movepass");

    @Test
    void functionsNeverImportEachOther() {
        slices().matching("vn.movepass.functions.(*)..").should().notDependOnEachOther().check(CLASSES);
    }

    @Test
    void sharedKnowsNothingOfFunctionsOrTheLocalRuntime() {
        noClasses().that().resideInAPackage("vn.movepass.shared..")
                .should().dependOnClassesThat().resideInAnyPackage("vn.movepass.functions..", "vn.movepass.local..")
                .check(CLASSES);
    }

    @Test
    void handlersStayThin() {
        // a handler parses, calls shared/ and answers: it touches no AWS client or table directly
        noClasses().that().resideInAPackage("vn.movepass.functions..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk..", "vn.movepass.local..")
                .check(CLASSES);
        classes().that().resideInAPackage("vn.movepass.functions..").and().haveSimpleNameEndingWith("Handler")
                .should().implement(com.amazonaws.services.lambda.runtime.RequestHandler.class).check(CLASSES);
    }

    @Test
    void theLocalRuntimeHoldsNoBusinessRules() {
        noClasses().that().resideInAPackage("vn.movepass.local..")
                .should().dependOnClassesThat().resideInAnyPackage("vn.movepass.functions..")
                .check(CLASSES);
    }
}
