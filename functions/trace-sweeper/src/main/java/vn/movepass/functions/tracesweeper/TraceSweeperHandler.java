package vn.movepass.functions.tracesweeper;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.trace.TraceSweeper;

/** Invoked by TraceSweepSchedule (every 5 minutes): sends again the messages of trace units open too long. */
public final class TraceSweeperHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final TraceSweeper sweeper;

    public TraceSweeperHandler() {
        this(Platform.fromSystem());
    }

    public TraceSweeperHandler(Platform platform) {
        this(TraceSweeper.create(platform));
    }

    TraceSweeperHandler(TraceSweeper sweeper) {
        this.sweeper = sweeper;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        TraceSweeper.Swept swept = sweeper.sweep();
        return Map.of("resent", swept.resent(), "closedMeanwhile", swept.closedMeanwhile());
    }
}
