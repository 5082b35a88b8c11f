package io.github.snapshotreplication.fakerds;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The rules of sharing manual snapshots with other accounts (the {@code restore} attribute), and what a shared
 * snapshot looks like to the accounts it is shared with. Sources: RDS API reference, ModifyDBSnapshotAttribute and
 * ModifyDBClusterSnapshotAttribute; RDS and Aurora User Guides, Sharing a DB snapshot, Sharing encrypted snapshots
 * (docs/aws-references.md V1, V2, V4, V5).
 */
final class Sharing {

    /** The only attribute RDS documents. */
    static final String RESTORE = "restore";
    /** The value that makes a snapshot public. */
    static final String ALL = "all";
    /** RDS User Guide, Sharing a DB snapshot: "up to 20 other AWS accounts". */
    static final int MAX_ACCOUNTS = 20;
    /** SnapshotType a snapshot shared with the caller shows (README: assumptions). */
    static final String SHARED = "shared";
    /** SnapshotType a public snapshot of another account shows. */
    static final String PUBLIC = "public";

    /**
     * How to read the sharing facts of one snapshot kind.
     *
     * @param store      the kind's store in a region
     * @param type       SnapshotType (the owner's view)
     * @param sharedWith the restore attribute
     * @param account    the owning account
     * @param arn        the ARN
     */
    record Kind<T>(Function<FakeRegion, ResourceStore<T>> store, Function<T, String> type,
                   Function<T, List<String>> sharedWith, Function<T, String> account, Function<T, String> arn) {
    }

    static final Kind<DbSnapshot> DB_SNAPSHOTS = new Kind<>(r -> r.state().snapshots(), DbSnapshot::snapshotType,
            DbSnapshot::sharedWith, DbSnapshot::accountId, DbSnapshot::arn);
    static final Kind<DbClusterSnapshot> CLUSTER_SNAPSHOTS = new Kind<>(r -> r.state().clusterSnapshots(),
            DbClusterSnapshot::snapshotType, DbClusterSnapshot::sharedWith, DbClusterSnapshot::accountId,
            DbClusterSnapshot::arn);

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    /** RDS User Guide, Sharing a DB snapshot: Oracle snapshots with only these persistent options can be shared. */
    private static final Set<String> SHAREABLE_ORACLE_OPTIONS = Set.of("Timezone", "OLS");

    private Sharing() {
    }

    /** RDS API reference, ModifyDBSnapshotAttribute AttributeName: set it to {@code restore}. */
    static void checkAttributeName(String attributeName) {
        if (!RESTORE.equals(attributeName)) {
            throw QueryError.invalidValue("Invalid AttributeName " + attributeName + ": the attribute to modify is"
                    + " " + RESTORE);
        }
    }

    /** RDS API reference, ModifyDBSnapshotAttribute ValuesToAdd: AWS account ids, or {@code all}. */
    static void checkValues(List<String> values) {
        for (String value : values) {
            if (!ALL.equals(value) && !ACCOUNT_ID.matcher(value).matches()) {
                throw QueryError.invalidValue("Invalid attribute value " + value + ": give 12-digit AWS account ids"
                        + " or " + ALL);
            }
        }
    }

    /**
     * The checks on the snapshot itself: only manual snapshots are shared (RDS User Guide: to share an automated
     * snapshot, copy it and share the copy), only available ones; encrypted ones only with account ids, never
     * {@code all} (API reference, ModifyDBSnapshotAttribute), and never when encrypted with the account's default
     * RDS key (User Guide, Sharing encrypted snapshots). The encryption rules bind only what is added.
     */
    static void checkShareable(String value, String snapshotType, String status, boolean encrypted, String kmsKeyId,
                               List<String> add, FakeRegion owner, FakeError invalidState) {
        if (!"manual".equals(snapshotType)) {
            throw new QueryError(invalidState, "Only manual snapshots can be shared: " + value + " is "
                    + snapshotType + " (copy it and share the copy)");
        }
        if (!SnapshotStatus.AVAILABLE.equals(status)) {
            throw new QueryError(invalidState, "Snapshot " + value + " is not in available state (current state: "
                    + status + ").");
        }
        if (add.isEmpty() || !encrypted) {
            return;
        }
        if (add.contains(ALL)) {
            throw QueryError.invalidValue("The encrypted snapshot " + value + " can't be shared with " + ALL
                    + ": encrypted snapshots can only be shared with AWS account ids");
        }
        if (owner.kmsKeys().isAwsManaged(kmsKeyId)) {
            throw QueryError.invalidValue("The snapshot " + value + " is encrypted with the default KMS key of the"
                    + " account (" + kmsKeyId + ") and can't be shared: copy it with a customer managed key and"
                    + " share the copy");
        }
    }

    /**
     * RDS User Guide, Sharing a DB snapshot: a DB snapshot whose option group has a permanent or persistent option
     * can't be shared, except Oracle snapshots whose only such options are Timezone and OLS (this covers TDE, which
     * the guide also names). A snapshot flagged {@code optionGroupRequiresMapping} whose group the region does not
     * know counts as having such an option.
     */
    static void checkOptionGroup(DbSnapshot snapshot, FakeRegion owner) {
        if (snapshot.optionGroupName() == null) {
            return;
        }
        Optional<OptionGroup> group = owner.optionGroup(snapshot.optionGroupName());
        List<String> blocking = new ArrayList<>(group.map(OptionGroup::persistentOrPermanentOptions)
                .orElse(snapshot.optionGroupRequiresMapping() ? List.of("(unknown persistent options)") : List.of()));
        boolean oracle = snapshot.engine() != null && snapshot.engine().startsWith("oracle");
        if (oracle) {
            blocking.removeAll(SHAREABLE_ORACLE_OPTIONS);
        }
        if (!blocking.isEmpty()) {
            throw QueryError.invalidValue("The snapshot " + snapshot.identifier() + " uses the option group "
                    + snapshot.optionGroupName() + " with permanent or persistent options " + blocking
                    + " and can't be shared");
        }
    }

    /**
     * @return the values after the change: the current ones and {@code add}, in order, less {@code remove}
     * @throws QueryError SharedSnapshotQuotaExceeded when more than {@value #MAX_ACCOUNTS} accounts would remain
     */
    static List<String> apply(List<String> current, List<String> add, List<String> remove) {
        Set<String> values = new LinkedHashSet<>(current);
        values.addAll(add);
        remove.forEach(values::remove);
        long accounts = values.stream().filter(v -> !ALL.equals(v)).count();
        if (accounts > MAX_ACCOUNTS) {
            throw new QueryError(FakeError.SHARED_SNAPSHOT_QUOTA_EXCEEDED, "You can share a manual snapshot with up"
                    + " to " + MAX_ACCOUNTS + " AWS accounts; this change would share it with " + accounts);
        }
        return List.copyOf(values);
    }

    /**
     * RDS API reference, DescribeDBSnapshots SnapshotType: shared snapshots are the manual snapshots other accounts
     * shared with the caller; public ones those marked {@code all}. Snapshots are regional: only the caller's region
     * is searched.
     *
     * @return the description of the listing's snapshots shared with the caller, or public, of the caller's region
     */
    static <T> Describe.Shared<T> seenBy(Kind<T> kind, Accounts accounts, FakeRegion caller) {
        NavigableMap<String, T> visible = new TreeMap<>();
        for (FakeAccount other : accounts.all()) {
            FakeRegion region = other.id().equals(caller.accountId()) ? null : other.existingRegion(caller.name());
            if (region == null) {
                continue;
            }
            ResourceStore<T> store = kind.store().apply(region);
            for (String key : store.sharedKeys()) {
                T snapshot = store.get(key);
                if (snapshot != null && isVisibleTo(kind.type().apply(snapshot), kind.sharedWith().apply(snapshot),
                        caller.accountId())) {
                    visible.put(ResourceStore.key(kind.arn().apply(snapshot)), snapshot);
                }
            }
        }
        String viewer = caller.accountId();
        return new Describe.Shared<>(visible, s -> viewer.equals(kind.account().apply(s)) ? kind.type().apply(s)
                : typeSeenBy(kind.sharedWith().apply(s), viewer));
    }

    /** @return true when another account's manual snapshot is shared with this account, or public */
    static boolean isVisibleTo(String snapshotType, List<String> sharedWith, String accountId) {
        return "manual".equals(snapshotType) && (sharedWith.contains(accountId) || sharedWith.contains(ALL));
    }

    /** @return the SnapshotType another account's snapshot shows to this account: shared, else public */
    static String typeSeenBy(List<String> sharedWith, String accountId) {
        return sharedWith.contains(accountId) ? SHARED : PUBLIC;
    }
}
