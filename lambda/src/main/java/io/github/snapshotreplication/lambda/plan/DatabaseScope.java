package io.github.snapshotreplication.lambda.plan;

import io.github.snapshotreplication.contract.Settings;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which source databases are in scope: identifier glob patterns to include and exclude, and tags they must carry.
 *
 * <p>Globs use {@code *} (any run of characters) and {@code ?} (one character), match the whole identifier and
 * ignore case, as RDS stores identifiers in lower case. An empty include list means every database; exclude wins.
 */
public final class DatabaseScope {

    /** Every database. */
    public static final DatabaseScope ALL = new DatabaseScope(List.of(), List.of(), Map.of());

    private final List<String> include;
    private final List<String> exclude;
    private final Map<String, String> requiredTags;
    // Compiled once: the planner matches every database of the fleet.
    private final List<Pattern> includePatterns;
    private final List<Pattern> excludePatterns;

    /**
     * A scope.
     *
     * @param include      patterns of identifiers to include; empty: all
     * @param exclude      patterns of identifiers to exclude
     * @param requiredTags tags (key to value) a database must carry; empty: no tag filter
     */
    public DatabaseScope(List<String> include, List<String> exclude, Map<String, String> requiredTags) {
        this.include = List.copyOf(include);
        this.exclude = List.copyOf(exclude);
        this.requiredTags = Map.copyOf(requiredTags);
        this.includePatterns = this.include.stream().map(DatabaseScope::compile).toList();
        this.excludePatterns = this.exclude.stream().map(DatabaseScope::compile).toList();
    }

    /** Include patterns. */
    public List<String> include() {
        return include;
    }

    /** Exclude patterns. */
    public List<String> exclude() {
        return exclude;
    }

    /** Tags a database must carry. */
    public Map<String, String> requiredTags() {
        return requiredTags;
    }

    /** True when a tag filter is set, so the database's tags must be known to decide. */
    public boolean hasTagFilter() {
        return !requiredTags.isEmpty();
    }

    /** True when the identifier passes the include and exclude patterns. */
    public boolean matchesIdentifier(String identifier) {
        boolean included = includePatterns.isEmpty()
                || includePatterns.stream().anyMatch(p -> p.matcher(identifier).matches());
        return included && excludePatterns.stream().noneMatch(p -> p.matcher(identifier).matches());
    }

    /** True when the database passes the identifier patterns and carries every required tag. */
    public boolean includes(SourceDatabase database) {
        return matchesIdentifier(database.identifier())
                && requiredTags.entrySet().stream()
                .allMatch(e -> e.getValue().equals(database.tags().get(e.getKey())));
    }

    /** Why a database is out of scope, for the log; {@code null} when it is in scope. */
    public String exclusionReason(SourceDatabase database) {
        if (!matchesIdentifier(database.identifier())) {
            return "database " + database.identifier() + " does not match " + Settings.INCLUDE_DB_IDENTIFIERS.label()
                    + " " + include + " or matches " + Settings.EXCLUDE_DB_IDENTIFIERS.label() + " " + exclude;
        }
        if (!includes(database)) {
            return "database " + database.identifier() + " does not carry the tags of "
                    + Settings.SOURCE_TAG_FILTER.label() + " " + requiredTags;
        }
        return null;
    }

    private static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatabaseScope other && include.equals(other.include) && exclude.equals(other.exclude)
                && requiredTags.equals(other.requiredTags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(include, exclude, requiredTags);
    }

    @Override
    public String toString() {
        return "DatabaseScope[include=" + include + ", exclude=" + exclude + ", requiredTags=" + requiredTags + "]";
    }
}
