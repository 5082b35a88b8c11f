package io.github.snapshotreplication.lambda.plan;

import java.util.Objects;

/**
 * An option group of the source region, as far as copies care: whether it holds options that RDS will not leave
 * behind, which a cross-region copy must map to an option group of the target region (docs/aws-references.md#o10).
 *
 * @param name                      option group name
 * @param hasPersistentOrPermanent  true when an option is persistent or permanent (Oracle and SQL Server TDE,
 *                                  Oracle time zone)
 */
public record OptionGroup(String name, boolean hasPersistentOrPermanent) {

    /** Validates. */
    public OptionGroup {
        Objects.requireNonNull(name, "name");
    }

    /** True for RDS's default option groups ({@code default:<engine>-<version>}): every region has its own. */
    public static boolean isDefault(String name) {
        return name == null || name.isBlank() || name.startsWith("default:");
    }
}
