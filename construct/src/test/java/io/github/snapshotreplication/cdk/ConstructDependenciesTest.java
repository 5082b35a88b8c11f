package io.github.snapshotreplication.cdk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The construct shares only the contract with the engine (the jar travels as a resource), and needs nothing at run
 * time beyond aws-cdk-lib and constructs: in particular not cdk-nag, whose suppressions it writes as metadata.
 */
class ConstructDependenciesTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.snapshotreplication.cdk");

    @Test
    void theConstructUsesNoEngineClassAndNoCdkNag() {
        classes().that().resideInAPackage("io.github.snapshotreplication.cdk..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.github.snapshotreplication.cdk..",
                        "io.github.snapshotreplication.contract..", "software.amazon.awscdk..", "software.constructs..",
                        "java..")
                .because("the engine runs in the Lambda, and users must not need cdk-nag to synthesize")
                .check(MAIN);
    }
}
