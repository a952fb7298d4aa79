package vn.movepass.local.embedded;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Lambda {@link Context} for one local invocation: a fresh request id, the deadline = start + function timeout,
 * and a {@link LambdaLogger} that writes to the slf4j logger {@code lambda.<FunctionName>}.
 */
public final class LocalContext implements Context {
    private final String requestId;
    private final String functionName;
    private final String region;
    private final String accountId;
    private final int memoryMb;
    private final long deadlineNanos;
    private final LambdaLogger logger;

    public LocalContext(String functionName, String region, String accountId, int memoryMb, Duration timeout) {
        this.requestId = UUID.randomUUID().toString();
        this.functionName = functionName;
        this.region = region;
        this.accountId = accountId;
        this.memoryMb = memoryMb;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
        this.logger = new Slf4jLambdaLogger(LoggerFactory.getLogger("lambda." + functionName), requestId);
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "local/[$LATEST]" + requestId.replace("-", "");
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + functionName;
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
        long left = (deadlineNanos - System.nanoTime()) / 1_000_000L;
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, left));
    }

    /** True once the function's timeout has passed. */
    public boolean timedOut() {
        return System.nanoTime() - deadlineNanos > 0;
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }

    private record Slf4jLambdaLogger(Logger log, String requestId) implements LambdaLogger {
        @Override
        public void log(String message) {
            log(message, LogLevel.UNDEFINED);
        }

        @Override
        public void log(byte[] message) {
            log(new String(message, StandardCharsets.UTF_8), LogLevel.UNDEFINED);
        }

        @Override
        public void log(String message, LogLevel level) {
            String m = message == null ? "null" : message.stripTrailing();
            switch (level == null ? LogLevel.UNDEFINED : level) {
                case TRACE -> log.trace("{} {}", requestId, m);
                case DEBUG -> log.debug("{} {}", requestId, m);
                case WARN -> log.warn("{} {}", requestId, m);
                case ERROR, FATAL -> log.error("{} {}", requestId, m);
                default -> log.info("{} {}", requestId, m);
            }
        }

        @Override
        public void log(byte[] message, LogLevel level) {
            log(new String(message, StandardCharsets.UTF_8), level);
        }
    }
}
