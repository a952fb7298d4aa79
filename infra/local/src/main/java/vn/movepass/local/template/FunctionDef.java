package vn.movepass.local.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An AWS::Serverless::Function, with Globals.Function applied. {@code handlerMethod} is the part after "::" or
 * null when the Handler names only a class. {@code environment} holds raw values (e.g. {@code {"Ref": "PassesTable"}}):
 * Globals.Function.Environment.Variables, then the function's own on top. {@code scheduleEvents} are the function's
 * Schedule/ScheduleV2 events; {@code otherEvents} maps the name of every other event to its Type (e.g. S3), so that
 * a caller can report what it does not run.
 */
public record FunctionDef(String logicalId, String handlerClass, String handlerMethod, String codeUri,
                          int memorySize, int timeout, Map<String, Object> environment,
                          List<HttpEventDef> httpEvents, List<SqsEventDef> sqsEvents,
                          List<ScheduleDef> scheduleEvents, Map<String, String> otherEvents) {
    public static final int DEFAULT_MEMORY = 128;
    public static final int DEFAULT_TIMEOUT = 3;

    public FunctionDef {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(handlerClass, "handlerClass");
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        httpEvents = List.copyOf(httpEvents);
        sqsEvents = List.copyOf(sqsEvents);
        scheduleEvents = List.copyOf(scheduleEvents);
        otherEvents = Collections.unmodifiableMap(new LinkedHashMap<>(otherEvents));
    }

    /** "Class::method" as written in the template (or just the class). */
    public String handler() {
        return handlerMethod == null ? handlerClass : handlerClass + "::" + handlerMethod;
    }
}
