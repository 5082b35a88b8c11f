package io.github.snapshotreplication.lambda.handler;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.nio.charset.StandardCharsets;

/**
 * A Lambda context with a fixed function ARN and remaining time.
 */
final class FakeContext implements Context {

    private final int remainingMillis;

    FakeContext(int remainingMillis) {
        this.remainingMillis = remainingMillis;
    }

    @Override
    public String getAwsRequestId() {
        return "c6af9ac6-7b61-11e6-9a41-93e812345678";
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/snapshot-replication";
    }

    @Override
    public String getLogStreamName() {
        return "2024/05/14/[$LATEST]abcdef";
    }

    @Override
    public String getFunctionName() {
        return "snapshot-replication";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:eu-west-1:123456789012:function:snapshot-replication";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return remainingMillis;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 512;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.println(message);
            }

            @Override
            public void log(byte[] message) {
                System.out.println(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
