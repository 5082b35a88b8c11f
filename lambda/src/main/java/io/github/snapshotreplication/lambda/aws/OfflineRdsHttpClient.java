package io.github.snapshotreplication.lambda.aws;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.utils.IoUtils;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP client that never opens a socket: it answers each RDS Query API call with a canned, fixed response
 * for the calls the engine makes (one database, one available encrypted snapshot, a copy in progress), so that
 * priming runs the whole request path, signing, presigning and XML parsing included, without the network.
 */
final class OfflineRdsHttpClient implements SdkHttpClient {

    private static final String NS = "http://rds.amazonaws.com/doc/2014-10-31/";
    private static final String ARN = "arn:aws:rds:%1$s:123456789012:";
    private static final String DB_INSTANCE = "<DBInstance><DBInstanceIdentifier>priming-db</DBInstanceIdentifier>"
            + "<DBInstanceArn>" + ARN + "db:priming-db</DBInstanceArn><TagList/></DBInstance>";
    private static final String SNAPSHOT = "<DBSnapshot>"
            + "<DBSnapshotIdentifier>%2$s</DBSnapshotIdentifier>"
            + "<DBSnapshotArn>" + ARN + "snapshot:%2$s</DBSnapshotArn>"
            + "<DBInstanceIdentifier>priming-db</DBInstanceIdentifier>"
            + "<SnapshotCreateTime>2024-01-01T03:10:00.000Z</SnapshotCreateTime>"
            + "<SnapshotType>automated</SnapshotType><Status>%3$s</Status><Encrypted>true</Encrypted>"
            + "<KmsKeyId>" + ARN.replace("rds", "kms") + "key/00000000-0000-4000-8000-000000000000</KmsKeyId>"
            + "<OptionGroupName>default:postgres-16</OptionGroupName><TagList/></DBSnapshot>";

    private final String region;

    /** Answers as RDS in {@code region} would (the region appears in the canned ARNs). */
    OfflineRdsHttpClient(String region) {
        this.region = region;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        String action = action(request);
        byte[] body = response(action).getBytes(StandardCharsets.UTF_8);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(200)
                                .putHeader("Content-Type", "text/xml").build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                        .build();
            }

            @Override
            public void abort() {
            }
        };
    }

    @Override
    public String clientName() {
        return "Offline";
    }

    @Override
    public void close() {
    }

    private String response(String action) {
        String result = switch (action) {
            case "DescribeDBInstances" -> "<DBInstances>" + DB_INSTANCE + "</DBInstances>";
            case "DescribeDBSnapshots" -> "<DBSnapshots>"
                    + String.format(SNAPSHOT, region, "rds:priming-db-2024-01-01-03-10", "available")
                    + "</DBSnapshots>";
            case "CopyDBSnapshot" -> String.format(SNAPSHOT, region, "priming-db-copy", "creating");
            default -> "";
        };
        return "<" + action + "Response xmlns=\"" + NS + "\"><" + action + "Result>" + result + "</" + action
                + "Result><ResponseMetadata><RequestId>00000000-0000-4000-8000-000000000000</RequestId>"
                + "</ResponseMetadata></" + action + "Response>";
    }

    /** The {@code Action} parameter of a Query API request (form-encoded body). */
    private static String action(HttpExecuteRequest request) {
        String form = request.contentStreamProvider().map(provider -> {
            try (InputStream in = provider.newStream()) {
                return IoUtils.toUtf8String(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse("");
        for (String pair : form.split("&")) {
            if (pair.startsWith("Action=")) {
                return URLDecoder.decode(pair.substring("Action=".length()), StandardCharsets.UTF_8);
            }
        }
        return "Unknown";
    }
}
