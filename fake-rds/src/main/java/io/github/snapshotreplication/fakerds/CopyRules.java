package io.github.snapshotreplication.fakerds;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The checks RDS makes on CopyDBSnapshot and CopyDBClusterSnapshot that do not depend on the snapshot kind:
 * target identifier syntax, where the source lives, the presigned URL of a cross-region copy and the target KMS key.
 */
final class CopyRules {

    /**
     * Where the source snapshot lives.
     *
     * @param region       the source's region, in the source's account
     * @param identifier   the source's identifier there
     * @param crossRegion  true when that region is not the region called
     * @param crossAccount true when that account is not the caller's (a snapshot shared with the caller)
     */
    record Source(FakeRegion region, String identifier, boolean crossRegion, boolean crossAccount) {
    }

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9-]*");
    private static final Pattern KEY_ID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|mrk-[0-9a-fA-F]{32}");

    private CopyRules() {
    }

    /** 1..maxLength letters, digits, hyphens; first a letter; no "--"; no trailing "-". */
    static void checkTargetIdentifier(String parameter, String identifier, int maxLength) {
        boolean valid = identifier.length() <= maxLength && IDENTIFIER.matcher(identifier).matches()
                && !identifier.contains("--") && !identifier.endsWith("-");
        if (!valid) {
            throw QueryError.invalidValue("The parameter " + parameter + " is not a valid identifier. Identifiers"
                    + " must begin with a letter; must contain only ASCII letters, digits, and hyphens; must not"
                    + " end with a hyphen or contain two consecutive hyphens; and must be at most " + maxLength
                    + " characters long.");
        }
    }

    /**
     * Resolves a source given as an identifier (same region and account) or an ARN (any region of any account; RDS API
     * reference, CopyDBSnapshot: a shared snapshot must be named by its ARN). Whether another account's snapshot is
     * shared with the caller is the caller's next check.
     *
     * @throws QueryError NotFound for an ARN of an account the server does not know
     */
    static Source resolveSource(String value, String arnType, FakeRegion target, Accounts accounts,
                                QueryError notFound) {
        if (!Arn.looksLikeArn(value)) {
            return new Source(target, value, false, false);
        }
        Arn arn;
        try {
            arn = Arn.parse(value);
        } catch (IllegalArgumentException e) {
            throw QueryError.invalidValue("Invalid source snapshot ARN: " + value);
        }
        if (!"rds".equals(arn.service()) || !arnType.equals(arn.resourceType())) {
            throw QueryError.invalidValue("The source ARN " + value + " is not an RDS " + arnType + " ARN");
        }
        FakeRegion region = accounts.region(arn.account(), arn.region());
        if (region == null) {
            throw notFound;
        }
        return new Source(region, arn.resourceId(), !region.name().equals(target.name()),
                !region.accountId().equals(target.accountId()));
    }

    /**
     * A cross-region copy of an encrypted snapshot needs a presigned URL (the SDK makes one from sourceRegion);
     * when present it must be a signed {@code action} request to the source region whose DestinationRegion is the
     * region called. A same-region copy must not carry one.
     */
    static void checkPresignedUrl(QueryRequest request, String action, String sourceParam, Source source,
                                  boolean encrypted) {
        String url = request.optional("PreSignedUrl");
        if (!source.crossRegion()) {
            if (url != null) {
                throw QueryError.invalidCombination("PreSignedUrl must not be specified when the source snapshot"
                        + " is in the same region (" + request.region() + ")");
            }
            return;
        }
        if (url == null) {
            if (encrypted) {
                throw QueryError.invalidValue("PreSignedUrl is required to copy an encrypted snapshot from "
                        + source.region().name() + " to " + request.region()
                        + " (AWS SDK: set sourceRegion on the request)");
            }
            return;
        }
        Map<String, String> presigned = presignedParams(url);
        expect(presigned, "Action", action, url);
        expect(presigned, "DestinationRegion", request.region(), url);
        expect(presigned, sourceParam, request.optional(sourceParam), url);
        if (presigned.containsKey("KmsKeyId")) {
            expect(presigned, "KmsKeyId", request.optional("KmsKeyId"), url);
        }
        String credential = presigned.getOrDefault("X-Amz-Credential", "");
        String[] scope = credential.split("/");
        boolean signedForSource = scope.length == 5 && scope[2].equals(source.region().name());
        if (!signedForSource || !presigned.containsKey("X-Amz-Signature")) {
            throw QueryError.invalidValue("Invalid PreSignedUrl: it must be signed for the source region "
                    + source.region().name() + " (X-Amz-Credential " + credential + "): " + url);
        }
    }

    /**
     * RDS API reference, CopyDBSnapshot: "This command doesn't apply to RDS Custom." RDS User Guide, Copying an
     * Amazon RDS Custom for SQL Server DB snapshot: such snapshots can be copied to another Region of the account,
     * not within a Region, and the request can't name an option group. So: RDS Custom for SQL Server copies across
     * Regions only, other RDS Custom engines (Oracle) not at all. No error code is documented:
     * InvalidParameterCombination.
     */
    static void checkRdsCustom(QueryRequest request, Source location, DbSnapshot source) {
        if (!Engines.isRdsCustom(source.engine())) {
            return;
        }
        String sourceValue = request.required("SourceDBSnapshotIdentifier");
        if (!Engines.isRdsCustomSqlServer(source.engine())) {
            throw QueryError.invalidCombination("CopyDBSnapshot doesn't apply to RDS Custom: " + sourceValue
                    + " is a snapshot of a " + source.engine() + " DB instance");
        }
        if (!location.crossRegion()) {
            throw QueryError.invalidCombination("An RDS Custom for SQL Server snapshot can only be copied to another"
                    + " Region, not within " + request.region() + ": " + sourceValue);
        }
        if (request.optional("OptionGroupName") != null) {
            throw QueryError.invalidCombination("OptionGroupName can't be specified when copying an RDS Custom for"
                    + " SQL Server snapshot: " + sourceValue);
        }
    }

    /**
     * RDS User Guide, Limitations of Multi-AZ DB clusters: they don't support copying a snapshot of a Multi-AZ DB
     * cluster (in any Region). A cluster snapshot of a non-Aurora engine is one. No error code is documented:
     * InvalidParameterCombination.
     */
    static void checkNotMultiAz(QueryRequest request, DbClusterSnapshot source) {
        if (!Engines.isAurora(source.engine())) {
            throw QueryError.invalidCombination("Copying a snapshot of a Multi-AZ DB cluster isn't supported: "
                    + request.required("SourceDBClusterSnapshotIdentifier") + " is a snapshot of a "
                    + source.engine() + " Multi-AZ DB cluster");
        }
    }

    /**
     * RDS User Guide, Copying a DB snapshot, option groups: option groups are regional, and a cross-Region copy of a
     * snapshot whose option group has a persistent or permanent option (TDE) must name an option group of the target
     * Region. A named group must exist where the copy is made ({@code OptionGroupNotFoundFault}). The refusal's code
     * and text are the ones practitioners report (InvalidParameterValue "The snapshot requires a target option group
     * with the following options: [...]"); a named group that lacks those options is refused the same way. A
     * snapshot flagged {@code optionGroupRequiresMapping} whose group is not known in its region counts as having
     * such options.
     */
    static void checkOptionGroup(QueryRequest request, Source location, DbSnapshot source, FakeRegion target) {
        String targetName = request.optional("OptionGroupName");
        OptionGroup targetGroup = targetName == null ? null : target.optionGroup(targetName).orElseThrow(
                () -> new QueryError(FakeError.OPTION_GROUP_NOT_FOUND, "Specified OptionGroupName not found: "
                        + targetName));
        if (!location.crossRegion() || source.optionGroupName() == null) {
            return;
        }
        Optional<OptionGroup> sourceGroup = location.region().optionGroup(source.optionGroupName());
        List<String> required = sourceGroup.map(OptionGroup::persistentOrPermanentOptions).orElse(List.of());
        boolean unknownButFlagged = sourceGroup.isEmpty() && source.optionGroupRequiresMapping();
        if (required.isEmpty() && !unknownButFlagged) {
            return;
        }
        boolean satisfied = targetGroup != null && targetGroup.options().stream().map(OptionGroup.Option::name)
                .toList().containsAll(required);
        if (!satisfied) {
            String options = unknownButFlagged ? "the persistent options of " + source.optionGroupName()
                    : String.join(", ", required);
            throw QueryError.invalidValue("The snapshot requires a target option group with the following options: ["
                    + options + "] (source option group " + source.optionGroupName() + " in "
                    + location.region().name() + "; specify OptionGroupName, an option group of " + target.name()
                    + " with these options)");
        }
    }

    /**
     * The target key must be a key ARN, alias ARN, alias name or key id usable in the target region: a key of the
     * caller's account, or (RDS User Guide, Sharing encrypted snapshots: "a KMS key from another AWS account when the
     * key policy grants access") another account's key granted to the caller.
     *
     * @throws QueryError KMSKeyNotAccessibleFault otherwise
     */
    static void checkKmsKey(String kmsKeyId, FakeRegion target, Accounts accounts) {
        boolean usable;
        if (Arn.looksLikeArn(kmsKeyId)) {
            usable = kmsArnUsable(kmsKeyId, target, accounts);
        } else {
            usable = kmsKeyId.startsWith("alias/") && kmsKeyId.length() > "alias/".length()
                    || KEY_ID.matcher(kmsKeyId).matches();
        }
        if (!usable || target.kmsKeys().isInaccessible(kmsKeyId)) {
            throw new QueryError(FakeError.KMS_KEY_NOT_ACCESSIBLE, "The specified KMS key " + kmsKeyId
                    + " does not exist, is not enabled or you do not have permissions to access it in "
                    + target.name() + ".");
        }
    }

    private static boolean kmsArnUsable(String kmsKeyId, FakeRegion target, Accounts accounts) {
        Arn arn;
        try {
            arn = Arn.parse(kmsKeyId);
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean keyOfRegion = "kms".equals(arn.service()) && target.name().equals(arn.region())
                && ("key".equals(arn.resourceType()) || "alias".equals(arn.resourceType()));
        if (!keyOfRegion || arn.account().equals(target.accountId())) {
            return keyOfRegion;
        }
        FakeAccount owner = accounts.find(arn.account());
        FakeRegion ownerRegion = owner == null ? null : owner.existingRegion(arn.region());
        return ownerRegion != null && ownerRegion.kmsKeys().isUsableByOtherAccount(kmsKeyId, target.accountId());
    }

    private static Map<String, String> presignedParams(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getRawQuery() == null || uri.getHost() == null) {
                throw QueryError.invalidValue("Invalid PreSignedUrl (no host or query): " + url);
            }
            return QueryRequest.decodeForm(uri.getRawQuery());
        } catch (URISyntaxException e) {
            throw QueryError.invalidValue("Invalid PreSignedUrl: " + url);
        }
    }

    private static void expect(Map<String, String> presigned, String name, String expected, String url) {
        String actual = presigned.get(name);
        if (expected == null || !expected.equals(actual)) {
            throw QueryError.invalidValue("Invalid PreSignedUrl: " + name + " is " + actual + ", expected "
                    + expected + ": " + url);
        }
    }
}
