package vn.movepass.functions.notify;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.notice.NoticeService;
import vn.movepass.shared.queue.SqsBatch;
import vn.movepass.shared.trace.TraceMessages;

/** The notice step (queue NoticesQueue): tells each traced contact once per case. */
public final class NotifyHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final NoticeService notices;

    public NotifyHandler() {
        this(Platform.fromSystem());
    }

    public NotifyHandler(Platform platform) {
        this(NoticeService.create(platform));
    }

    NotifyHandler(NoticeService notices) {
        this.notices = notices;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process(event, context, message -> notices.deliver(TraceMessages.Notice.parse(message.getBody())));
    }
}
