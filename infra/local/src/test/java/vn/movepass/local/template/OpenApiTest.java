package vn.movepass.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The OpenAPI document names every route of the template with its method (that the runtime serves it: {@link OpenApiIT}). */
class OpenApiTest {
    @Test
    void everyRouteOfTheTemplateIsDocumented() throws Exception {
        String yaml;
        try (var in = OpenApiTest.class.getResourceAsStream("/movepass/openapi.yaml")) {
            yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Map<String, Object> doc = new Yaml().load(yaml);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
        Set<String> documented = new TreeSet<>();
        paths.forEach((path, ops) -> ops.keySet().forEach(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + path)));
        TemplateModel model;
        try (var in = OpenApiTest.class.getResourceAsStream("/movepass/template.yaml")) {
            model = SamTemplate.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        Set<String> routes = new TreeSet<>();
        model.functions().forEach(f -> f.httpEvents().forEach(e -> routes.add(e.method() + " " + e.path())));
        Set<String> missing = new TreeSet<>(routes);
        missing.removeAll(documented);
        assertEquals(Set.of(), missing, "routes of template.yaml missing from docs/openapi.yaml");
    }
}
