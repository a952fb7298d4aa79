package vn.movepass.functions.reminders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import vn.movepass.shared.campaign.ReminderService;
import vn.movepass.shared.config.Platform;

/** Invoked by ReminderSchedule (08:00 Viet Nam time, daily): sends the second-dose reminders due. */
public final class ReminderHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final ReminderService reminders;

    public ReminderHandler() {
        this(Platform.fromSystem());
    }

    public ReminderHandler(Platform platform) {
        this(ReminderService.create(platform));
    }

    ReminderHandler(ReminderService reminders) {
        this.reminders = reminders;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        ReminderService.Sent sent = reminders.sendDue();
        return Map.of("sent", sent.sent(), "alreadySent", sent.alreadySent());
    }
}
