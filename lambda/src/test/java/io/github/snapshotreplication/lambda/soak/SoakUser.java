package io.github.snapshotreplication.lambda.soak;

import io.github.snapshotreplication.fakerds.FakeRdsServer;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person with console rights in both regions, acting through the RDS Query API with their own access key id
 * ({@link Installation#USER_KEY} unless told otherwise): what they create is theirs in the fake's ground truth, and
 * the account they act in is the one the fake registered their key for.
 *
 * <p>It speaks the Query protocol itself rather than through the SDK: integration tests run against the shrunk
 * Lambda jar, which shadows the SDK and keeps only the operations the engine calls (no restores, no creates). The
 * fake tells callers apart by the SigV4 credential scope and checks no signature, so none is computed.
 */
final class SoakUser implements AutoCloseable {

    private static final String SCOPE_DATE = "20240501";
    private static final String NO_SIGNATURE = "0".repeat(64);
    private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]*)</Code>");
    private static final Map<String, Pattern> FIELDS = new ConcurrentHashMap<>();

    private final URI endpoint;
    private final String accessKeyId;

    SoakUser(FakeRdsServer rds) {
        this(rds, Installation.USER_KEY);
    }

    /** A person signing with {@code accessKeyId}. */
    SoakUser(FakeRdsServer rds, String accessKeyId) {
        this.endpoint = rds.endpoint();
        this.accessKeyId = accessKeyId;
    }

    /** One snapshot as a DescribeDBSnapshots or DescribeDBClusterSnapshots answer lists it. */
    record Listed(SnapshotKind kind, String id, String arn, String type, String status) {
        boolean own() {
            return !"shared".equals(type) && !"public".equals(type);
        }
    }

    /**
     * Copies a snapshot into {@code region}: within it when {@code fromRegion} is null, else across, with the
     * presigned source-region request the SDK would add.
     *
     * @return false when RDS refused with SnapshotQuotaExceeded (its cross-region copy slots are full)
     */
    boolean copy(String region, SnapshotKind kind, String sourceArnOrId, String targetId, String fromRegion,
                 String kmsKeyId, boolean copyTags, Map<String, String> tags) {
        boolean db = kind == SnapshotKind.DB_SNAPSHOT;
        String action = db ? "CopyDBSnapshot" : "CopyDBClusterSnapshot";
        String sourceParam = db ? "SourceDBSnapshotIdentifier" : "SourceDBClusterSnapshotIdentifier";
        Map<String, String> params = params(action);
        params.put(sourceParam, sourceArnOrId);
        params.put(db ? "TargetDBSnapshotIdentifier" : "TargetDBClusterSnapshotIdentifier", targetId);
        putIfPresent(params, "KmsKeyId", kmsKeyId);
        params.put("CopyTags", String.valueOf(copyTags));
        putTags(params, tags);
        if (fromRegion != null) {
            params.put("PreSignedUrl", presignedUrl(action, sourceParam, sourceArnOrId, kmsKeyId, fromRegion,
                    region));
        }
        String error = call(region, params);
        if ("SnapshotQuotaExceeded".equals(error)) {
            return false;
        }
        expectSuccess(action, error);
        return true;
    }

    /**
     * Restores a database from a snapshot of {@code region} with these tags, CopyTagsToSnapshot on (the CDK's
     * default) and a week of backups.
     */
    void restore(String region, SnapshotKind kind, String snapshotId, String databaseId, Map<String, String> tags) {
        Map<String, String> params;
        if (kind == SnapshotKind.DB_SNAPSHOT) {
            params = params("RestoreDBInstanceFromDBSnapshot");
            params.put("DBSnapshotIdentifier", snapshotId);
            params.put("DBInstanceIdentifier", databaseId);
            params.put("DBInstanceClass", "db.t4g.micro");
        } else {
            params = params("RestoreDBClusterFromSnapshot");
            params.put("SnapshotIdentifier", snapshotId);
            params.put("DBClusterIdentifier", databaseId);
            params.put("Engine", "aurora-postgresql");
        }
        params.put("CopyTagsToSnapshot", "true");
        params.put("BackupRetentionPeriod", "7");
        putTags(params, tags);
        expectSuccess(params.get("Action"), call(region, params));
    }

    /** A manual snapshot of a database of {@code region}, without request tags. */
    void createSnapshot(String region, SnapshotKind kind, String databaseId, String snapshotId) {
        boolean db = kind == SnapshotKind.DB_SNAPSHOT;
        Map<String, String> params = params(db ? "CreateDBSnapshot" : "CreateDBClusterSnapshot");
        params.put(db ? "DBInstanceIdentifier" : "DBClusterIdentifier", databaseId);
        params.put(db ? "DBSnapshotIdentifier" : "DBClusterSnapshotIdentifier", snapshotId);
        expectSuccess(params.get("Action"), call(region, params));
    }

    /** Deletes a database of the target region, keeping a final snapshot ({@code null}: none). */
    void deleteDatabase(SnapshotKind kind, String databaseId, String finalSnapshotId) {
        boolean db = kind == SnapshotKind.DB_SNAPSHOT;
        Map<String, String> params = params(db ? "DeleteDBInstance" : "DeleteDBCluster");
        params.put(db ? "DBInstanceIdentifier" : "DBClusterIdentifier", databaseId);
        if (finalSnapshotId == null) {
            params.put("SkipFinalSnapshot", "true");
        } else {
            params.put("FinalDBSnapshotIdentifier", finalSnapshotId);
        }
        expectSuccess(params.get("Action"), call(SoakFleet.TARGET, params));
    }

    /** Deletes a snapshot of the target region. */
    void deleteSnapshot(SnapshotKind kind, String id) {
        expectSuccess(kind == SnapshotKind.DB_SNAPSHOT ? "DeleteDBSnapshot" : "DeleteDBClusterSnapshot",
                tryDelete(SoakFleet.TARGET, kind, id));
    }

    /** Tries to delete a snapshot of {@code region} by identifier or ARN; returns RDS's error code, or null. */
    String tryDelete(String region, SnapshotKind kind, String idOrArn) {
        boolean db = kind == SnapshotKind.DB_SNAPSHOT;
        Map<String, String> params = params(db ? "DeleteDBSnapshot" : "DeleteDBClusterSnapshot");
        params.put(db ? "DBSnapshotIdentifier" : "DBClusterSnapshotIdentifier", idOrArn);
        return call(region, params);
    }

    /** Tags a resource of {@code region} by hand. */
    void addTags(String region, String arn, Map<String, String> tags) {
        Map<String, String> params = params("AddTagsToResource");
        params.put("ResourceName", arn);
        putTags(params, tags);
        expectSuccess("AddTagsToResource", call(region, params));
    }

    /**
     * Shares one of the caller's manual snapshots of {@code region} with {@code account} ({@code share}), or stops
     * sharing it: the {@code restore} attribute. Returns RDS's error code, or null.
     */
    String share(String region, SnapshotKind kind, String id, String account, boolean share) {
        boolean db = kind == SnapshotKind.DB_SNAPSHOT;
        Map<String, String> params = params(db ? "ModifyDBSnapshotAttribute" : "ModifyDBClusterSnapshotAttribute");
        params.put(db ? "DBSnapshotIdentifier" : "DBClusterSnapshotIdentifier", id);
        params.put("AttributeName", "restore");
        params.put((share ? "ValuesToAdd" : "ValuesToRemove") + ".AttributeValue.1", account);
        return call(region, params);
    }

    /** Every snapshot of {@code kind} the caller sees in {@code region}, its own and those shared with it. */
    List<Listed> list(String region, SnapshotKind kind) {
        boolean db = kind == SnapshotKind.DB_SNAPSHOT;
        String element = db ? "DBSnapshot" : "DBClusterSnapshot";
        Pattern entry = Pattern.compile("<" + element + ">(.*?)</" + element + ">", Pattern.DOTALL);
        List<Listed> listed = new ArrayList<>();
        String marker = null;
        do {
            Map<String, String> params = params(db ? "DescribeDBSnapshots" : "DescribeDBClusterSnapshots");
            params.put("IncludeShared", "true");
            putIfPresent(params, "Marker", marker);
            Response response = exchange(region, params);
            expectSuccess(params.get("Action"), response.error());
            Matcher m = entry.matcher(response.body());
            while (m.find()) {
                String e = m.group(1);
                listed.add(new Listed(kind, field(e, element + "Identifier"), field(e, element + "Arn"),
                        field(e, "SnapshotType"), field(e, "Status")));
            }
            marker = field(response.body(), "Marker");
        } while (marker != null);
        return listed;
    }

    @Override
    public void close() {
        // Nothing held open: every call is one HTTP exchange.
    }

    /** POSTs the form; returns the error code of a refusal, or null on success. */
    private String call(String region, Map<String, String> params) {
        return exchange(region, params).error();
    }

    /** An answer: the body, and the error code of a refusal or null. */
    private record Response(String body, String error) {
    }

    private static String field(String xml, String name) {
        Matcher m = FIELDS.computeIfAbsent(name, n -> Pattern.compile("<" + n + ">([^<]*)</" + n + ">")).matcher(xml);
        return m.find() ? m.group(1) : null;
    }

    private Response exchange(String region, Map<String, String> params) {
        try {
            HttpURLConnection http = (HttpURLConnection) endpoint.resolve("/").toURL().openConnection();
            http.setRequestMethod("POST");
            http.setDoOutput(true);
            http.setRequestProperty("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
            http.setRequestProperty("Authorization", "AWS4-HMAC-SHA256 Credential=" + scope(region)
                    + ", SignedHeaders=content-type;host, Signature=" + NO_SIGNATURE);
            try (OutputStream out = http.getOutputStream()) {
                out.write(form(params).getBytes(StandardCharsets.UTF_8));
            }
            int status = http.getResponseCode();
            try (InputStream in = status < 400 ? http.getInputStream() : http.getErrorStream()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (status < 400) {
                    return new Response(body, null);
                }
                Matcher code = ERROR_CODE.matcher(body);
                return new Response(body, code.find() ? code.group(1) : "HTTP " + status);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the user's " + params.get("Action") + " did not reach the fake", e);
        }
    }

    /** What the SDK presigns for a cross-region copy: the same action, for the source region, naming the target. */
    private String presignedUrl(String action, String sourceParam, String source, String kmsKeyId,
                                String fromRegion, String toRegion) {
        Map<String, String> params = params(action);
        params.put(sourceParam, source);
        putIfPresent(params, "KmsKeyId", kmsKeyId);
        params.put("DestinationRegion", toRegion);
        params.put("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
        params.put("X-Amz-Credential", scope(fromRegion));
        params.put("X-Amz-Date", SCOPE_DATE + "T000000Z");
        params.put("X-Amz-Expires", "604800");
        params.put("X-Amz-SignedHeaders", "host");
        params.put("X-Amz-Signature", NO_SIGNATURE);
        return "https://rds." + fromRegion + ".amazonaws.com/?" + form(params);
    }

    private String scope(String region) {
        return accessKeyId + "/" + SCOPE_DATE + "/" + region + "/rds/aws4_request";
    }

    private static Map<String, String> params(String action) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Action", action);
        params.put("Version", "2014-10-31");
        return params;
    }

    private static void putIfPresent(Map<String, String> params, String name, String value) {
        if (value != null) {
            params.put(name, value);
        }
    }

    /** The Query protocol's encoding of the RDS tag list. */
    private static void putTags(Map<String, String> params, Map<String, String> tags) {
        int i = 0;
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            i++;
            params.put("Tags.Tag." + i + ".Key", tag.getKey());
            params.put("Tags.Tag." + i + ".Value", tag.getValue());
        }
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream().map(p -> URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** A user's action the soak relies on failed: a mistake of the soak, not of the engine. */
    private static void expectSuccess(String action, String error) {
        if (error != null) {
            throw new IllegalStateException("the soak's user could not " + action + ": " + error);
        }
    }
}
