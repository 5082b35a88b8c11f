package io.github.snapshotreplication.lambda.plan.drill;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Causes of failed drills: read from RDS's answers (docs/aws-references.md#r6, #r7), each explained in the runbook. */
class DrillFailureTest {

    @ParameterizedTest
    @CsvSource({
        "KMSKeyNotAccessibleFault, , KMS_KEY",
        "InstanceQuotaExceeded, , QUOTA",
        "DBClusterQuotaExceededFault, , QUOTA",
        "StorageQuotaExceeded, , QUOTA",
        "DBSubnetGroupNotFoundFault, , SUBNET_GROUP",
        "DBSubnetGroupDoesNotCoverEnoughAZs, , SUBNET_GROUP",
        "OptionGroupNotFoundFault, , OPTION_GROUP",
        "InvalidParameterCombination, Cannot find version 11.1 for postgres, ENGINE_VERSION",
        "InvalidParameterCombination, RDS does not support creating a DB instance with the following combination:"
                + " DBInstanceClass=db.t3.micro, INSTANCE_CLASS",
        "InvalidParameterValue, Invalid DB Instance class: db.r7g.large, INSTANCE_CLASS",
        "InvalidParameterCombination, something else, RESTORE",
        "AccessDenied, , PERMISSION",
        "DBInstanceAlreadyExists, , IDENTIFIER_TAKEN",
    })
    void aRefusedCallIsClassifiedByItsCodeOrElseItsMessage(String code, String message, DrillFailure expected) {
        assertThat(DrillFailure.ofError(code, message)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "inaccessible-encryption-credentials, KMS_KEY",
        "incompatible-network, SUBNET_GROUP",
        "incompatible-option-group, OPTION_GROUP",
        "incompatible-parameters, PARAMETER_GROUP",
        "storage-full, QUOTA",
        "incompatible-restore, RESTORE",
        "failed, RESTORE",
    })
    void aFailureStatusIsClassified(String status, DrillFailure expected) {
        assertThat(DrillFailure.ofStatus(status)).isEqualTo(expected);
        assertThat(TargetDatabase.FAILURE_STATUSES).contains(status);
    }

    @Test
    void aCopyThatWentAwayIsNoFailureOfTheDrill() {
        assertThat(DrillFailure.meansCopyGone("DBSnapshotNotFound")).isTrue();
        assertThat(DrillFailure.meansCopyGone("InvalidDBClusterSnapshotStateFault")).isTrue();
        assertThat(DrillFailure.meansCopyGone("OptionGroupNotFoundFault")).isFalse();
        assertThat(DrillFailure.meansCopyGone(null)).isFalse();
    }

    @Test
    void everyCauseHasItsRunbookSection() throws IOException {
        String runbook = Files.readString(Path.of("..", "docs", "runbook.md"));
        for (DrillFailure cause : DrillFailure.values()) {
            String anchor = cause.runbook().substring(cause.runbook().indexOf('#') + 1);
            assertThat(runbook).as(cause.name()).contains("<a id=\"" + anchor + "\"></a>")
                    .contains("### `" + cause.code() + "`");
        }
    }
}
