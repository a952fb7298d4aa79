package vn.movepass.local.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the embedded runtime needs from a SAM template. {@code schedules} holds every schedule: the functions'
 * Schedule/ScheduleV2 events and the AWS::Scheduler::Schedule resources. {@code resourceTypes} maps every logical id
 * to its Type; {@code conditions} and {@code mappings} are the raw sections (empty when absent).
 */
public record TemplateModel(Map<String, ParameterDef> parameters, List<TableDef> tables, List<QueueDef> queues,
                            List<FunctionDef> functions, List<BucketDef> buckets, List<ScheduleDef> schedules,
                            List<HttpApiDef> httpApis, Map<String, String> resourceTypes,
                            Map<String, Object> conditions, Map<String, Object> mappings) {
    public TemplateModel {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        tables = List.copyOf(tables);
        queues = List.copyOf(queues);
        functions = List.copyOf(functions);
        buckets = List.copyOf(buckets);
        schedules = List.copyOf(schedules);
        httpApis = List.copyOf(httpApis);
        resourceTypes = Collections.unmodifiableMap(new LinkedHashMap<>(resourceTypes));
        conditions = Collections.unmodifiableMap(new LinkedHashMap<>(conditions));
        mappings = Collections.unmodifiableMap(new LinkedHashMap<>(mappings));
    }

    public Optional<TableDef> table(String logicalId) {
        return tables.stream().filter(t -> t.logicalId().equals(logicalId)).findFirst();
    }

    public Optional<QueueDef> queue(String logicalId) {
        return queues.stream().filter(q -> q.logicalId().equals(logicalId)).findFirst();
    }

    public Optional<FunctionDef> function(String logicalId) {
        return functions.stream().filter(f -> f.logicalId().equals(logicalId)).findFirst();
    }
}
