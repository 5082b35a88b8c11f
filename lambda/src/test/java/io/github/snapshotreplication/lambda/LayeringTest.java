package io.github.snapshotreplication.lambda;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.github.snapshotreplication.contract.LambdaArtifact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine's layering, checked on its main classes (STYLE.md, "the layering is a test"): a pure planner in the
 * middle, adapters around it, the engine that wires them, and two entry points (handler, plan command).
 */
class LayeringTest {

    private static final String ROOT = "io.github.snapshotreplication.lambda";
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    /** Methods that read the clock, the environment or randomness: the planner receives these as inputs. */
    private static final Set<String> IMPURE_CALLS = Set.of("java.lang.System.getenv", "java.lang.System.getProperty",
            "java.lang.System.currentTimeMillis", "java.lang.System.nanoTime", "java.time.Instant.now",
            "java.time.LocalDate.now", "java.time.LocalDateTime.now", "java.time.OffsetDateTime.now",
            "java.time.ZonedDateTime.now", "java.lang.Math.random", "java.lang.Thread.sleep");

    @Test
    void thePlannerUsesNoSdkNoIoNoClockAndNoEnvironment() {
        classes().that().resideInAPackage(ROOT + ".plan..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(ROOT + ".plan..",
                        "io.github.snapshotreplication.contract..", "java.lang..", "java.util..", "java.time..",
                        "java.math..", "java.security..", "java.nio.charset..")
                .because("the planner is a pure function of settings, inventory and now")
                .check(MAIN);
        noClasses().that().resideInAPackage(ROOT + ".plan..")
                .should().dependOnClassesThat().belongToAnyOf(java.time.Clock.class, java.util.Random.class)
                .orShould().callMethodWhere(describe("reads the clock, the environment or randomness",
                        (JavaCall<?> call) -> IMPURE_CALLS.contains(call.getTargetOwner().getName() + "."
                                + call.getName())))
                .because("time and settings are inputs of the planner")
                .check(MAIN);
    }

    @Test
    void onlyTheAwsPackageUsesTheSdk() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".aws..")
                .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
                .because("RdsSnapshotGateway and its helpers are the only adapter to RDS")
                .check(MAIN);
    }

    @Test
    void dependenciesPointInwardsToThePlanner() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Entry points").definedBy(ROOT + ".handler..", ROOT + ".cli..")
                .layer("Engine").definedBy(ROOT + ".engine..")
                .layer("Adapters").definedBy(ROOT + ".aws..", ROOT + ".event..", ROOT + ".output..",
                        ROOT + ".config..")
                .layer("Planner").definedBy(ROOT + ".plan..")
                .whereLayer("Entry points").mayNotBeAccessedByAnyLayer()
                .whereLayer("Engine").mayOnlyBeAccessedByLayers("Entry points")
                .whereLayer("Adapters").mayOnlyBeAccessedByLayers("Entry points", "Engine")
                .whereLayer("Planner").mayOnlyBeAccessedByLayers("Entry points", "Engine", "Adapters")
                .check(MAIN);
    }

    @ParameterizedTest
    @ValueSource(strings = {LambdaArtifact.HANDLER, LambdaArtifact.VAULT_HANDLER, LambdaArtifact.DRILL_HANDLER})
    void eachHandlerTheConstructDeploysIsARealHandler(String name) throws Exception {
        String[] handler = name.split("::");
        assertThat(handler).hasSize(2);
        // Not initialized: the handler builds its RDS clients in static init, from the Lambda environment.
        Class<?> type = Class.forName(handler[0], false, getClass().getClassLoader());
        assertThat(RequestStreamHandler.class).isAssignableFrom(type);
        assertThat(Modifier.isPublic(type.getModifiers())).isTrue();
        assertThat(Modifier.isPublic(type.getConstructor().getModifiers())).as("public no-argument constructor")
                .isTrue();
        Method method = type.getMethod(handler[1], java.io.InputStream.class, java.io.OutputStream.class,
                Context.class);
        assertThat(Modifier.isPublic(method.getModifiers())).isTrue();
    }
}
