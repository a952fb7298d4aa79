package vn.movepass.local.template;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads CloudFormation / SAM YAML into plain Java values (String, Integer, Long, Double, Boolean, List, Map),
 * turning the short-form intrinsic tags into their long form: {@code !Ref X} becomes {@code {"Ref": "X"}},
 * {@code !GetAtt A.B} becomes {@code {"Fn::GetAtt": ["A", "B"]}}, {@code !Condition C} becomes
 * {@code {"Condition": "C"}}, and every other {@code !Name v} becomes {@code {"Fn::Name": v}}.
 * Timestamps stay strings (CloudFormation has no date type). Duplicate keys are an error.
 * The returned structure is deeply unmodifiable.
 */
public final class CfnYaml {

    /** Short-form tags understood, without the leading '!'. */
    public static final List<String> TAGS = List.of("Ref", "GetAtt", "Sub", "Join", "If", "Select", "Split",
            "Equals", "Not", "And", "Or", "FindInMap", "ImportValue", "Base64", "GetAZs", "Condition",
            "Cidr", "Length", "ToJsonString", "Transform");

    private CfnYaml() {
    }

    public static Map<String, Object> read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        } catch (IOException e) {
            throw new TemplateException("Cannot read template " + file + ": " + e.getMessage(), e);
        }
    }

    public static Map<String, Object> parse(String yaml) {
        return parse(new java.io.StringReader(yaml), "<string>");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(Reader reader, String source) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new CfnConstructor(options));
        Object root;
        try {
            root = yaml.load(reader);
        } catch (YAMLException e) {
            throw new TemplateException("Invalid YAML in " + source + ": " + e.getMessage(), e);
        }
        if (root == null) {
            return Map.of();
        }
        if (!(root instanceof Map)) {
            throw new TemplateException("Template " + source + " is not a YAML mapping");
        }
        return (Map<String, Object>) freeze(root);
    }

    /** Deep, order-keeping, unmodifiable copy of a parsed value. Null values inside maps are kept. */
    static Object freeze(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                copy.put(String.valueOf(e.getKey()), freeze(e.getValue()));
            }
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            for (Object o : l) {
                copy.add(freeze(o));
            }
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    private static final class CfnConstructor extends SafeConstructor {
        CfnConstructor(LoaderOptions options) {
            super(options);
            for (String name : TAGS) {
                this.yamlConstructors.put(new Tag("!" + name), new IntrinsicConstruct(name));
            }
            this.yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
        }

        private final class IntrinsicConstruct extends AbstractConstruct {
            private final String name;

            IntrinsicConstruct(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    value = constructScalar(scalar);
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else if (node instanceof MappingNode mapping) {
                    value = constructMapping(mapping);
                } else {
                    throw new YAMLException("Unsupported node for !" + name + " at " + node.getStartMark());
                }
                switch (name) {
                    case "Ref":
                        return single("Ref", value);
                    case "Condition":
                        return single("Condition", value);
                    case "GetAtt":
                        if (value instanceof String s) {
                            int dot = s.indexOf('.');
                            if (dot <= 0 || dot == s.length() - 1) {
                                throw new YAMLException("!GetAtt needs LogicalId.Attribute, got '" + s + "' at "
                                        + node.getStartMark());
                            }
                            return single("Fn::GetAtt", List.of(s.substring(0, dot), s.substring(dot + 1)));
                        }
                        return single("Fn::GetAtt", value);
                    default:
                        return single("Fn::" + name, value);
                }
            }
        }

        private static Map<String, Object> single(String key, Object value) {
            Map<String, Object> m = new LinkedHashMap<>(1);
            m.put(key, value);
            return m;
        }
    }
}
