package vn.movepass.local.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An AWS::DynamoDB::Table. {@code attributeDefinitions} maps attribute name to S, N or B (template order kept).
 * {@code ttlAttribute} is set only when TimeToLiveSpecification is Enabled; {@code streamViewType} is null
 * when the table has no stream.
 */
public record TableDef(String logicalId, KeySchema keySchema, Map<String, String> attributeDefinitions,
                       List<IndexDef> gsis, List<IndexDef> lsis, String ttlAttribute, String streamViewType) {
    public TableDef {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(keySchema, "keySchema");
        attributeDefinitions = Collections.unmodifiableMap(new LinkedHashMap<>(attributeDefinitions));
        gsis = List.copyOf(gsis);
        lsis = List.copyOf(lsis);
    }
}
