package io.github.snapshotreplication.fakerds;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An RDS option group as DescribeOptionGroups shows it. Immutable; {@code region}/{@code accountId} are stamped when
 * it is added to a region. Option groups are regional: a cross-region copy of a snapshot whose option group has a
 * persistent or permanent option (Oracle or SQL Server TDE, Oracle Timezone) must name an option group of the target
 * region.
 *
 * @param name               OptionGroupName, e.g. {@code ora-tde} or {@code default:oracle-ee-19}
 * @param engineName         EngineName, e.g. {@code oracle-ee}
 * @param majorEngineVersion MajorEngineVersion, e.g. {@code 19}
 * @param description        OptionGroupDescription, may be null
 * @param options            its options, in order
 * @param region             region that holds it (stamped on add)
 * @param accountId          owning account (stamped on add)
 */
public record OptionGroup(String name, String engineName, String majorEngineVersion, String description,
                          List<Option> options, String region, String accountId) {

    private static final String DEFAULT_PREFIX = "default:";

    /**
     * One option of a group.
     *
     * @param name       OptionName, e.g. {@code TDE}
     * @param persistent Persistent: can't be removed from a DB instance while it is associated with the group
     * @param permanent  Permanent: can't be removed from the group, and the group can't be removed from the instance
     */
    public record Option(String name, boolean persistent, boolean permanent) {

        /** Validates the record. */
        public Option {
            Objects.requireNonNull(name, "name");
        }
    }

    /** Validates and freezes the record. */
    public OptionGroup {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(engineName, "engineName");
        Objects.requireNonNull(majorEngineVersion, "majorEngineVersion");
        options = List.copyOf(options == null ? List.of() : options);
    }

    /** @return a builder; name, engine name and major engine version are required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The option group RDS provides for every engine and major version, named {@code default:<engine>-<major>} with
     * the dots of the version as hyphens ({@code default:mysql-8-0}, {@code default:oracle-ee-19}). It has no options.
     *
     * @return the default group of that name, or empty when the name is not of that form
     */
    public static Optional<OptionGroup> defaultGroup(String name) {
        if (name == null || !name.startsWith(DEFAULT_PREFIX)) {
            return Optional.empty();
        }
        String[] parts = name.substring(DEFAULT_PREFIX.length()).split("-");
        int version = 0;
        while (version < parts.length && (parts[version].isEmpty() || !Character.isDigit(parts[version].charAt(0)))) {
            version++;
        }
        if (version == 0 || version == parts.length) {
            return Optional.empty();
        }
        String engine = String.join("-", List.of(parts).subList(0, version));
        String major = String.join(".", List.of(parts).subList(version, parts.length));
        return Optional.of(new OptionGroup(name, engine, major, "Default option group for " + engine + " " + major,
                List.of(), null, null));
    }

    /** @return {@code arn:aws:rds:REGION:ACCOUNT:og:NAME}; the group must belong to a region */
    public String arn() {
        if (region == null) {
            throw new IllegalStateException("option group " + name + " is not in a region yet: no ARN");
        }
        return "arn:aws:rds:" + region + ":" + accountId + ":og:" + name;
    }

    /** @return the names of the options that are persistent or permanent, in order */
    public List<String> persistentOrPermanentOptions() {
        return options.stream().filter(o -> o.persistent() || o.permanent()).map(Option::name).toList();
    }

    /** @return a copy in another region and account (the fake stamps these on add) */
    public OptionGroup withLocation(String newRegion, String newAccountId) {
        return new OptionGroup(name, engineName, majorEngineVersion, description, options, newRegion, newAccountId);
    }

    /** Builder for {@link OptionGroup}. */
    public static final class Builder {
        private String name;
        private String engineName;
        private String majorEngineVersion;
        private String description;
        private final List<Option> options = new ArrayList<>();

        private Builder() {
        }

        public Builder name(String value) { name = value; return this; }
        public Builder engineName(String value) { engineName = value; return this; }
        public Builder majorEngineVersion(String value) { majorEngineVersion = value; return this; }
        public Builder description(String value) { description = value; return this; }
        /** Adds an option. */
        public Builder option(String optionName, boolean persistent, boolean permanent) {
            options.add(new Option(optionName, persistent, permanent));
            return this;
        }

        /** @return the option group */
        public OptionGroup build() {
            return new OptionGroup(name, engineName, majorEngineVersion, description, options, null, null);
        }
    }
}
