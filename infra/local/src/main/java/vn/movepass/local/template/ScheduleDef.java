package vn.movepass.local.template;

import java.util.Objects;

/**
 * A schedule that invokes a function: either a function's Schedule/ScheduleV2 event ({@code name} = event name,
 * {@code standalone} false) or an AWS::Scheduler::Schedule resource whose Target.Arn is {@code !GetAtt F.Arn}
 * ({@code name} = resource logical id, {@code standalone} true).
 * {@code expression} is e.g. {@code rate(5 minutes)}, {@code cron(0 2 * * ? *)} or {@code at(2026-01-01T00:00:00)};
 * {@code timezone} is null for UTC; {@code input} is the Input JSON string or null.
 */
public record ScheduleDef(String name, String functionLogicalId, ScheduleKind kind, String expression,
                          String timezone, String input, boolean enabled, boolean standalone) {
    public ScheduleDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(functionLogicalId, "functionLogicalId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(expression, "expression");
    }
}
