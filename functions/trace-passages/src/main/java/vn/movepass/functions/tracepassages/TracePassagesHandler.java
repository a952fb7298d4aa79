package vn.movepass.functions.tracepassages;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.queue.SqsBatch;
import vn.movepass.shared.trace.TraceMessages;
import vn.movepass.shared.trace.TraceSteps;

/** Tracing step 1 (queue TraceRequestsQueue): a traced person's passages become probes. */
public final class TracePassagesHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final TraceSteps steps;

    public TracePassagesHandler() {
        this(Platform.fromSystem());
    }

    public TracePassagesHandler(Platform platform) {
        this(TraceSteps.create(platform));
    }

    TracePassagesHandler(TraceSteps steps) {
        this.steps = steps;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process(event, context, message -> steps.trace(TraceMessages.Trace.parse(message.getBody())));
    }
}
