package vn.movepass.local.template;

/** Which engine a schedule uses in AWS: an EventBridge rule (Schedule) or EventBridge Scheduler (ScheduleV2). */
public enum ScheduleKind {
    /** SAM event Type: Schedule (EventBridge rule; cron/rate in UTC). */
    SCHEDULE,
    /** SAM event Type: ScheduleV2, or an AWS::Scheduler::Schedule resource (timezone supported). */
    SCHEDULE_V2
}
