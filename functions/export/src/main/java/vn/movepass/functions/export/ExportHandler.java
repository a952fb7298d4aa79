package vn.movepass.functions.export;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.export.ExportService;
import vn.movepass.shared.json.Json;

/**
 * The daily analysts' export, invoked by the ExportSchedule (EventBridge Scheduler) with
 * {@code {"scheduledTime": "<aws.scheduler.scheduled-time>"}}: exports the day before, in Asia/Ho_Chi_Minh.
 * {@code {"date": "YYYY-MM-DD"}} exports that day (a manual re-run); an empty event exports yesterday.
 */
public final class ExportHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final ExportService exports;

    public ExportHandler() {
        this(Platform.fromSystem());
    }

    public ExportHandler(Platform platform) {
        this(ExportService.create(platform));
    }

    ExportHandler(ExportService exports) {
        this.exports = exports;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        LocalDate day;
        Object date = input == null ? null : input.get("date");
        Object scheduled = input == null ? null : input.get("scheduledTime");
        if (date != null) {
            day = LocalDate.parse(date.toString());
        } else if (scheduled != null && !scheduled.toString().isBlank()) {
            day = ExportService.previousDay(Instant.parse(scheduled.toString()));
        } else {
            day = exports.defaultDay();
        }
        return Json.mapper().convertValue(exports.run(day), Map.class);
    }
}
