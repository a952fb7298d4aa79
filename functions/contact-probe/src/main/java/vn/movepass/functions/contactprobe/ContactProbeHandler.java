package vn.movepass.functions.contactprobe;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.queue.SqsBatch;
import vn.movepass.shared.trace.TraceSteps;

/** Tracing step 2 (queue ContactProbesQueue): contacts around one passage or venue stay, and the next hop. */
public final class ContactProbeHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final TraceSteps steps;

    public ContactProbeHandler() {
        this(Platform.fromSystem());
    }

    public ContactProbeHandler(Platform platform) {
        this(TraceSteps.create(platform));
    }

    ContactProbeHandler(TraceSteps steps) {
        this.steps = steps;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process(event, context, message -> steps.probe(message.getBody()));
    }
}
