package vn.movepass.local.template;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Resolves raw template values (as produced by {@link CfnYaml}) to strings. Supported, and nothing else:
 * <ul>
 *   <li>{@code Ref}: looked up in the caller's {@code refs} map (parameters, logical ids, pseudo parameters such as
 *       AWS::Region); {@code Ref: AWS::NoValue} resolves to {@code null} (drop the value).</li>
 *   <li>{@code Fn::GetAtt} (and {@code ${X.Attr}} in Fn::Sub): asked of the caller's {@link AttributeLookup}.</li>
 *   <li>{@code Fn::Sub} string and [string, variables] forms, {@code ${!Literal}} escapes.</li>
 *   <li>{@code Fn::Join}, {@code Fn::Select}, {@code Fn::Split} (as a list), {@code Fn::Base64},
 *       {@code Fn::FindInMap} (with mappings), {@code Fn::GetAZs} (region + a/b/c).</li>
 *   <li>{@code Fn::If}: the condition is taken from the overrides if given, else evaluated from the template's
 *       Conditions (Fn::Equals/Not/And/Or/Condition over resolvable values); when it cannot be evaluated, the
 *       false branch is taken.</li>
 * </ul>
 * Anything else (Fn::ImportValue, Fn::Cidr, a missing ref, an unknown attribute) throws a {@link TemplateException}
 * that names the value. Instances are immutable and thread-safe.
 */
public final class ValueResolver {

    /** Answers {@code Fn::GetAtt}; returns null when the attribute is unknown. */
    @FunctionalInterface
    public interface AttributeLookup {
        String attribute(String logicalId, String attribute);
    }

    public static final String NO_VALUE = "AWS::NoValue";

    private final AttributeLookup attributes;
    private final Map<String, Object> conditions;
    private final Map<String, Boolean> conditionOverrides;
    private final Map<String, Object> mappings;

    public ValueResolver(AttributeLookup attributes) {
        this(attributes, Map.of(), Map.of(), Map.of());
    }

    private ValueResolver(AttributeLookup attributes, Map<String, Object> conditions,
                          Map<String, Boolean> conditionOverrides, Map<String, Object> mappings) {
        this.attributes = attributes == null ? (id, attr) -> null : attributes;
        this.conditions = Map.copyOf(conditions);
        this.conditionOverrides = Map.copyOf(conditionOverrides);
        this.mappings = Map.copyOf(mappings);
    }

    /** A resolver that knows the template's Conditions and Mappings. */
    public static ValueResolver forModel(TemplateModel model, AttributeLookup attributes) {
        return new ValueResolver(attributes, model.conditions(), Map.of(), model.mappings());
    }

    /** Same resolver with conditions forced to the given truth values. */
    public ValueResolver withConditionValues(Map<String, Boolean> values) {
        return new ValueResolver(attributes, conditions, values, mappings);
    }

    /**
     * The usual refs map: every parameter (its Default, overridden by {@code parameterValues}), the pseudo
     * parameters (AWS::Region, AWS::AccountId, AWS::Partition=aws, AWS::URLSuffix=amazonaws.com,
     * AWS::StackName=movepass-local, AWS::StackId) and {@code logicalIdRefs} (e.g. table logical id to table name,
     * queue logical id to queue URL). A parameter with neither Default nor value is left out, so a Ref to it fails.
     */
    public static Map<String, String> refs(TemplateModel model, Map<String, String> parameterValues,
                                           Map<String, String> logicalIdRefs, String region, String accountId) {
        Map<String, String> refs = new LinkedHashMap<>();
        refs.put("AWS::Region", region);
        refs.put("AWS::AccountId", accountId);
        refs.put("AWS::Partition", "aws");
        refs.put("AWS::URLSuffix", "amazonaws.com");
        refs.put("AWS::StackName", "movepass-local");
        refs.put("AWS::StackId", "arn:aws:cloudformation:" + region + ":" + accountId
                + ":stack/movepass-local/00000000-0000-0000-0000-000000000000");
        for (ParameterDef p : model.parameters().values()) {
            if (p.defaultValue() != null) {
                refs.put(p.name(), p.defaultValue());
            }
        }
        refs.putAll(parameterValues);
        refs.putAll(logicalIdRefs);
        return refs;
    }

    /** Resolves one value; null only for {@code Ref: AWS::NoValue}. */
    public String resolve(Object raw, Map<String, String> refs) {
        return resolve(raw, refs, "value " + raw);
    }

    /**
     * Resolves every value of a map (e.g. a function's environment); entries resolving to AWS::NoValue are dropped.
     * Errors name the key.
     */
    public Map<String, String> resolveAll(Map<String, ?> raw, Map<String, String> refs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : raw.entrySet()) {
            String v = resolve(e.getValue(), refs, e.getKey() + " = " + e.getValue());
            if (v != null) {
                out.put(e.getKey(), v);
            }
        }
        return out;
    }

    private String resolve(Object raw, Map<String, String> refs, String what) {
        if (raw == null) {
            throw fail(what, "it has no value");
        }
        if (raw instanceof String s) {
            return s;
        }
        if (raw instanceof Number || raw instanceof Boolean) {
            return String.valueOf(raw);
        }
        if (raw instanceof List<?>) {
            throw fail(what, "a list where a string is expected");
        }
        if (!(raw instanceof Map<?, ?> m) || m.size() != 1) {
            throw fail(what, "a mapping that is not an intrinsic function");
        }
        Map.Entry<?, ?> fn = m.entrySet().iterator().next();
        String name = String.valueOf(fn.getKey());
        Object arg = fn.getValue();
        switch (name) {
            case "Ref": {
                String ref = stringArg(arg, what, "Ref");
                if (NO_VALUE.equals(ref)) {
                    return null;
                }
                String v = refs.get(ref);
                if (v == null) {
                    throw fail(what, "no value for Ref " + ref
                            + " (a parameter without Default that was not supplied, or an unknown logical id)");
                }
                return v;
            }
            case "Fn::GetAtt": {
                String[] ga = SamTemplate.getAtt(raw);
                if (ga == null) {
                    throw fail(what, "Fn::GetAtt needs [LogicalId, Attribute]");
                }
                return getAtt(ga[0], ga[1], what);
            }
            case "Fn::Sub":
                return sub(arg, refs, what);
            case "Fn::Join": {
                List<?> l = listArg(arg, 2, what, "Fn::Join");
                String delim = resolve(l.get(0), refs, what);
                return String.join(delim, resolveList(l.get(1), refs, what));
            }
            case "Fn::Select": {
                List<?> l = listArg(arg, 2, what, "Fn::Select");
                int index;
                try {
                    index = Integer.parseInt(resolve(l.get(0), refs, what).trim());
                } catch (NumberFormatException e) {
                    throw fail(what, "Fn::Select index is not a number");
                }
                List<String> items = resolveList(l.get(1), refs, what);
                if (index < 0 || index >= items.size()) {
                    throw fail(what, "Fn::Select index " + index + " out of range for " + items);
                }
                return items.get(index);
            }
            case "Fn::If": {
                List<?> l = listArg(arg, 3, what, "Fn::If");
                String cond = stringArg(l.get(0), what, "Fn::If condition");
                return resolve(conditionTrue(cond, refs, new HashSet<>()) ? l.get(1) : l.get(2), refs, what);
            }
            case "Fn::Base64": {
                String v = resolve(arg, refs, what);
                return Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8));
            }
            case "Fn::FindInMap":
                return findInMap(arg, refs, what);
            default:
                throw fail(what, name + " is not supported by the local resolver");
        }
    }

    private List<String> resolveList(Object raw, Map<String, String> refs, String what) {
        if (raw instanceof List<?> l) {
            List<String> out = new ArrayList<>(l.size());
            for (Object o : l) {
                String v = resolve(o, refs, what);
                if (v != null) {
                    out.add(v);
                }
            }
            return out;
        }
        if (raw instanceof Map<?, ?> m && m.size() == 1) {
            if (m.containsKey("Fn::Split")) {
                List<?> l = listArg(m.get("Fn::Split"), 2, what, "Fn::Split");
                String delim = resolve(l.get(0), refs, what);
                String source = resolve(l.get(1), refs, what);
                return List.of(source.split(Pattern.quote(delim), -1));
            }
            if (m.containsKey("Fn::GetAZs")) {
                String region = refs.get("AWS::Region");
                if (region == null) {
                    throw fail(what, "Fn::GetAZs needs AWS::Region in refs");
                }
                return List.of(region + "a", region + "b", region + "c");
            }
            if (m.containsKey("Fn::If")) {
                List<?> l = listArg(m.get("Fn::If"), 3, what, "Fn::If");
                String cond = stringArg(l.get(0), what, "Fn::If condition");
                return resolveList(conditionTrue(cond, refs, new HashSet<>()) ? l.get(1) : l.get(2), refs, what);
            }
            if (m.containsKey("Ref")) {
                // CommaDelimitedList parameters
                String v = resolve(raw, refs, what);
                return v == null ? List.of() : List.of(v.split(",", -1));
            }
        }
        throw fail(what, "expected a list, got " + raw);
    }

    private String getAtt(String id, String attr, String what) {
        String v = attributes.attribute(id, attr);
        if (v == null) {
            throw fail(what, "no value for Fn::GetAtt " + id + "." + attr);
        }
        return v;
    }

    private String sub(Object arg, Map<String, String> refs, String what) {
        String template;
        Map<?, ?> vars = Map.of();
        if (arg instanceof String s) {
            template = s;
        } else if (arg instanceof List<?> l && l.size() == 2 && l.get(0) instanceof String s
                && l.get(1) instanceof Map<?, ?> m) {
            template = s;
            vars = m;
        } else {
            throw fail(what, "Fn::Sub needs a string or [string, {variables}]");
        }
        StringBuilder out = new StringBuilder(template.length() + 32);
        int i = 0;
        while (i < template.length()) {
            int start = template.indexOf("${", i);
            if (start < 0) {
                out.append(template, i, template.length());
                break;
            }
            out.append(template, i, start);
            if (start + 2 < template.length() && template.charAt(start + 2) == '!') {
                out.append("${");
                i = start + 3;
                continue;
            }
            int end = template.indexOf('}', start + 2);
            if (end < 0) {
                throw fail(what, "unclosed ${ in Fn::Sub");
            }
            String name = template.substring(start + 2, end).trim();
            String value;
            if (vars.containsKey(name)) {
                value = resolve(vars.get(name), refs, what);
            } else if (name.contains(".") && !name.contains("::")) {
                int dot = name.indexOf('.');
                value = getAtt(name.substring(0, dot), name.substring(dot + 1), what);
            } else {
                value = refs.get(name);
                if (value == null) {
                    throw fail(what, "no value for ${" + name + "} in Fn::Sub");
                }
            }
            out.append(value == null ? "" : value);
            i = end + 1;
        }
        return out.toString();
    }

    private String findInMap(Object arg, Map<String, String> refs, String what) {
        List<?> l = listArg(arg, 3, what, "Fn::FindInMap");
        String map = resolve(l.get(0), refs, what);
        String top = resolve(l.get(1), refs, what);
        String second = resolve(l.get(2), refs, what);
        if (mappings.get(map) instanceof Map<?, ?> m && m.get(top) instanceof Map<?, ?> t && t.containsKey(second)) {
            return resolve(t.get(second), refs, what);
        }
        throw fail(what, "no Mappings entry " + map + "." + top + "." + second);
    }

    private boolean conditionTrue(String name, Map<String, String> refs, Set<String> visiting) {
        Boolean forced = conditionOverrides.get(name);
        if (forced != null) {
            return forced;
        }
        Object def = conditions.get(name);
        if (def == null || !visiting.add(name)) {
            return false; // unknown (or cyclic) condition: false branch
        }
        try {
            Boolean v = evalCondition(def, refs, visiting);
            return v != null && v;
        } finally {
            visiting.remove(name);
        }
    }

    /** Evaluates a condition expression; null when it cannot be evaluated. */
    private Boolean evalCondition(Object expr, Map<String, String> refs, Set<String> visiting) {
        if (expr instanceof Boolean b) {
            return b;
        }
        if (!(expr instanceof Map<?, ?> m) || m.size() != 1) {
            return null;
        }
        Map.Entry<?, ?> fn = m.entrySet().iterator().next();
        Object arg = fn.getValue();
        try {
            switch (String.valueOf(fn.getKey())) {
                case "Condition":
                    return arg instanceof String s ? conditionTrue(s, refs, visiting) : null;
                case "Fn::Equals": {
                    if (!(arg instanceof List<?> l) || l.size() != 2) {
                        return null;
                    }
                    String a = resolve(l.get(0), refs, "condition");
                    String b = resolve(l.get(1), refs, "condition");
                    return a != null && a.equals(b);
                }
                case "Fn::Not": {
                    if (!(arg instanceof List<?> l) || l.size() != 1) {
                        return null;
                    }
                    Boolean v = evalCondition(l.get(0), refs, visiting);
                    return v == null ? null : !v;
                }
                case "Fn::And":
                case "Fn::Or": {
                    if (!(arg instanceof List<?> l) || l.isEmpty()) {
                        return null;
                    }
                    boolean and = "Fn::And".equals(fn.getKey());
                    for (Object o : l) {
                        Boolean v = evalCondition(o, refs, visiting);
                        if (v == null) {
                            return null;
                        }
                        if (and && !v) {
                            return false;
                        }
                        if (!and && v) {
                            return true;
                        }
                    }
                    return and;
                }
                default:
                    return null;
            }
        } catch (TemplateException e) {
            return null;
        }
    }

    private static String stringArg(Object arg, String what, String fn) {
        if (arg instanceof String s) {
            return s;
        }
        throw fail(what, fn + " needs a string, got " + arg);
    }

    private static List<?> listArg(Object arg, int size, String what, String fn) {
        if (arg instanceof List<?> l && l.size() == size) {
            return l;
        }
        throw fail(what, fn + " needs a list of " + size + ", got " + arg);
    }

    private static TemplateException fail(String what, String why) {
        return new TemplateException("Cannot resolve " + what + ": " + why);
    }
}
