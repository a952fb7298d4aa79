package vn.movepass.shared.http;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Maps an AWS SDK failure that survived the SDK's own retries to the answer a client should get:
 * throttling and unavailability are 503 with Retry-After (as {@code DependencyUnavailableException.busy()});
 * anything else is a bug (rethrown).
 */
public final class DependencyFailures {
    private DependencyFailures() {
    }

    public static boolean isTransient(SdkException e) {
        if (e instanceof SdkClientException) {
            return true;
        }
        if (e instanceof SdkServiceException service) {
            return service.isThrottlingException() || service.statusCode() >= 500 || service.statusCode() == 429
                    || "ProvisionedThroughputExceededException".equals(errorCode(service))
                    || "RequestLimitExceeded".equals(errorCode(service));
        }
        return e.retryable();
    }

    private static String errorCode(SdkServiceException e) {
        if (e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException aws && aws.awsErrorDetails() != null) {
            return aws.awsErrorDetails().errorCode();
        }
        return null;
    }
}
