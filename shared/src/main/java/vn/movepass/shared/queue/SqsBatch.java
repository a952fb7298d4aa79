package vn.movepass.shared.queue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Partial-batch processing for SQS event sources with {@code ReportBatchItemFailures}: each message
 * is handled on its own; the ones that fail are reported so that only they come back (and, after
 * maxReceiveCount, go to the DLQ) while the rest of the batch is deleted. Powertools' batch module
 * does this too; it is not served here, so this is the small piece we need.
 */
public final class SqsBatch {
    private static final Logger LOG = LoggerFactory.getLogger(SqsBatch.class);
    private static final String CORRELATION_ID = "correlation_id";

    /** Handles one message; throws to have it redelivered. */
    @FunctionalInterface
    public interface MessageHandler {
        void handle(SQSEvent.SQSMessage message) throws Exception;
    }

    private SqsBatch() {
    }

    /** The AWS error code and cancellation reasons, which name no data, for the log. */
    private static String errorCode(Exception e) {
        if (e instanceof software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException t
                && t.cancellationReasons() != null) {
            return " " + t.cancellationReasons().stream().map(r -> String.valueOf(r.code())).toList();
        }
        if (e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException aws && aws.awsErrorDetails() != null) {
            return " " + aws.awsErrorDetails().errorCode();
        }
        return "";
    }

    /**
     * The Lambda entry point: {@link #process(SQSEvent, MessageHandler)} with Powertools' JSON log fields of the
     * invocation and each message's SQS id as {@code correlation_id} while it is handled (a redelivery keeps its id).
     */
    public static SQSBatchResponse process(SQSEvent event, Context context, MessageHandler handler) {
        if (context == null) {
            return process(event, handler);
        }
        return PowertoolsLogging.withLogging(context, () -> process(event, message -> {
            MDC.put(CORRELATION_ID, message.getMessageId());
            try {
                handler.handle(message);
            } finally {
                MDC.remove(CORRELATION_ID);
            }
        }));
    }

    public static SQSBatchResponse process(SQSEvent event, MessageHandler handler) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        if (event == null || event.getRecords() == null) {
            return new SQSBatchResponse(failures);
        }
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                handler.handle(message);
            } catch (Exception e) {
                // the message id and failure type only: bodies, and so parser messages, may name citizens
                LOG.warn("message {} failed ({}{}), left for redelivery", message.getMessageId(), e.getClass().getSimpleName(),
                        errorCode(e));
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
