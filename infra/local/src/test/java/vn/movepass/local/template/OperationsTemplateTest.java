package vn.movepass.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import vn.movepass.shared.ops.Metric;

/**
 * What an operator is told: every function has an Errors and a Throttles alarm, every dead-letter queue an alarm on
 * any message, the HTTP API one on its 5xx rate, tracing one on its oldest waiting unit — each telling AlarmTopic. A new
 * function or queue without its alarms fails here.
 */
class OperationsTemplateTest {
    static final Map<String, Object> RESOURCES = cast(TemplateConsistencyTest.RAW.get("Resources"));

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }

    static List<Map<String, Object>> alarms() {
        List<Map<String, Object>> out = new ArrayList<>();
        RESOURCES.values().forEach(r -> {
            Map<String, Object> resource = cast(r);
            if ("AWS::CloudWatch::Alarm".equals(resource.get("Type"))) {
                out.add(cast(resource.get("Properties")));
            }
        });
        return out;
    }

    /** The logical ids an alarm's single-metric dimension points at (by Ref or GetAtt). */
    static Set<String> watched(String namespace, String metric) {
        Set<String> out = new TreeSet<>();
        for (Map<String, Object> alarm : alarms()) {
            if (namespace.equals(alarm.get("Namespace")) && metric.equals(alarm.get("MetricName"))) {
                out.addAll(TemplateConsistencyTest.referencedIds(alarm.get("Dimensions")));
            }
        }
        return out;
    }

    static Set<String> ofType(String type) {
        Set<String> out = new TreeSet<>();
        RESOURCES.forEach((id, r) -> {
            if (type.equals(cast(r).get("Type"))) {
                out.add(id);
            }
        });
        return out;
    }

    @Test
    void everyFunctionHasErrorsAndThrottlesAlarms() {
        Set<String> functions = ofType("AWS::Serverless::Function");
        assertTrue(functions.size() > 5, functions.toString());
        assertEquals(functions, watched("AWS/Lambda", "Errors"));
        assertEquals(functions, watched("AWS/Lambda", "Throttles"));
    }

    @Test
    void everyDeadLetterQueueHasAnAlarmOnAnyMessage() {
        Set<String> dlqs = new TreeSet<>();
        for (String queue : ofType("AWS::SQS::Queue")) {
            Object redrive = cast(cast(RESOURCES.get(queue)).getOrDefault("Properties", Map.of())).get("RedrivePolicy");
            if (redrive != null) {
                dlqs.addAll(TemplateConsistencyTest.referencedIds(cast(redrive).get("deadLetterTargetArn")));
            }
        }
        assertTrue(dlqs.size() >= 2, dlqs.toString());
        assertEquals(dlqs, watched("AWS/SQS", "ApproximateNumberOfMessagesVisible"));
        for (Map<String, Object> alarm : alarms()) {
            if ("ApproximateNumberOfMessagesVisible".equals(alarm.get("MetricName"))) {
                assertEquals(0, ((Number) alarm.get("Threshold")).intValue(), "one message is enough: " + alarm);
            }
        }
    }

    @Test
    void theDashboardShowsEveryMetricTheFunctionsEmit() {
        Set<String> dashboards = ofType("AWS::CloudWatch::Dashboard");
        assertEquals(1, dashboards.size(), dashboards.toString());
        String body = String.valueOf(cast(cast(RESOURCES.get(dashboards.iterator().next())).get("Properties")).get("DashboardBody"));
        for (Metric metric : Metric.values()) {
            assertTrue(java.util.regex.Pattern.compile("\\W" + metric.cloudWatchName() + "\\W").matcher(body).find(),
                    metric + " is not on the dashboard");
        }
    }

    @Test
    void theApiAndTracingAreWatchedAndEveryAlarmTellsTheTopic() {
        assertTrue(alarms().stream().anyMatch(a -> String.valueOf(a.get("Metrics")).contains("5xx")), "the API's 5xx rate");
        assertEquals(Set.of("TraceRequestsQueue"), watched("AWS/SQS", "ApproximateAgeOfOldestMessage"));
        for (Map<String, Object> alarm : alarms()) {
            assertEquals(Set.of("AlarmTopic"), TemplateConsistencyTest.referencedIds(alarm.get("AlarmActions")), alarm.toString());
        }
    }
}
