package vn.movepass.local.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.fasterxml.jackson.databind.JsonNode;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.store.Tables;

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

    @Test
    void theRuntimeNeverDependsOnTheBenches() {
        // the benches are the bench/ module (vn.movepass.bench), on top of the runtime; the runtime holds none
        noClasses().that().resideInAPackage("vn.movepass.local..")
                .should().dependOnClassesThat().resideInAPackage("vn.movepass.bench..")
                .check(CLASSES);
    }

    @Test
    void everyTableIsOpenedByTablesAndEveryClientBuiltByPlatform() {
        noClasses().that().resideInAnyPackage("vn.movepass.shared..", "vn.movepass.functions..")
                .and().doNotBelongToAnyOf(Tables.class)
                .should().callMethod(DynamoDbEnhancedClient.class, "table", String.class, TableSchema.class)
                .check(CLASSES);
        noClasses().that().resideInAnyPackage("vn.movepass.shared..", "vn.movepass.functions..")
                .and().doNotBelongToAnyOf(Platform.class)
                .should().dependOnClassesThat().haveSimpleNameEndingWith("ClientBuilder")
                .check(CLASSES);
    }

    @Test
    void onlyHandlersAndTheGatewaySpeakHttp() {
        // services throw domain exceptions (shared/error) that shared/http maps to problem+json; the local runtime
        // hosts the gateway, so it answers HTTP too
        noClasses().that().resideOutsideOfPackages("vn.movepass.shared.http..", "vn.movepass.functions..", "vn.movepass.local..")
                .should().dependOnClassesThat().resideInAPackage("vn.movepass.shared.http..")
                .check(CLASSES);
    }

    @Test
    void servicesNeverImportHttpNorTakeJson() {
        noClasses().that().resideInAPackage("vn.movepass.shared..").and().haveSimpleNameEndingWith("Service")
                .should().dependOnClassesThat().resideInAnyPackage("vn.movepass.shared.http..",
                        "com.amazonaws.services.lambda.runtime.events..")
                .check(CLASSES);
        // a service takes the typed record its handler parsed, never the request's JSON tree
        methods().that().areDeclaredInClassesThat().resideInAPackage("vn.movepass.shared..")
                .and().areDeclaredInClassesThat().haveSimpleNameEndingWith("Service").and().arePublic()
                .should(new ArchCondition<JavaMethod>("take no JSON tree") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        boolean json = method.getRawParameterTypes().stream().anyMatch(t -> t.isAssignableTo(JsonNode.class));
                        events.add(new SimpleConditionEvent(method, !json, method.getFullName() + " takes a JsonNode"));
                    }
                })
                .check(CLASSES);
    }
}
