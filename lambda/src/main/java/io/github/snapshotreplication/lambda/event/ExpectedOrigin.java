package io.github.snapshotreplication.lambda.event;

/**
 * Where trusted events come from: the Lambda's own region and account. A snapshot ARN elsewhere is invalid.
 *
 * @param region    the source region ({@code AWS_REGION})
 * @param accountId the Lambda's account (from its invoked function ARN), or {@code null} when unknown
 */
public record ExpectedOrigin(String region, String accountId) {

    /** The account in a Lambda function ARN ({@code arn:aws:lambda:region:account:function:name}), or null. */
    public static String accountOf(String functionArn) {
        if (functionArn == null) {
            return null;
        }
        String[] parts = functionArn.split(":");
        return parts.length > 4 && parts[4].matches("\\d{12}") ? parts[4] : null;
    }
}
