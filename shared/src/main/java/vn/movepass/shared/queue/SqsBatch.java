package vn.movepass.shared.queue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partial-batch processing for SQS event sources with {@code ReportBatchItemFailures}: each message
 * is handled on its own; the ones that fail are reported so that only they come back (and, after
 * maxReceiveCount, go to the DLQ) while the rest of the batch is deleted. Powertools' batch module
 * does this too; it is not served here, so this is the small piece we need.
 */
public final class SqsBatch {
    private static final Logger LOG = LoggerFactory.getLogger(SqsBatch.class);

    /** Handles one message; throws to have it redelivered. */
    @FunctionalInterface
    public interface MessageHandler {
        void handle(SQSEvent.SQSMessage message) throws Exception;
    }

    private SqsBatch() {
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
                LOG.warn("message {} failed ({}), left for redelivery", message.getMessageId(), e.getClass().getSimpleName());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
