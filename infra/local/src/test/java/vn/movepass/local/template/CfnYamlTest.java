package vn.movepass.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CfnYamlTest {

    private static Object value(String yamlValue) {
        return CfnYaml.parse("v: " + yamlValue + "\n").get("v");
    }

    @Test
    void shortFormTagsBecomeLongForm() {
        assertEquals(Map.of("Ref", "X"), value("!Ref X"));
        assertEquals(Map.of("Fn::GetAtt", List.of("Q", "Arn")), value("!GetAtt Q.Arn"));
        assertEquals(Map.of("Fn::GetAtt", List.of("Q", "Endpoint.Address")), value("!GetAtt Q.Endpoint.Address"));
        assertEquals(Map.of("Fn::GetAtt", List.of("Q", "QueueName")), value("!GetAtt [Q, QueueName]"));
        assertEquals(Map.of("Fn::Sub", "a-${B}"), value("!Sub 'a-${B}'"));
        assertEquals(Map.of("Fn::Sub", List.of("${A}", Map.of("A", Map.of("Ref", "B")))),
                value("!Sub ['${A}', {A: !Ref B}]"));
        assertEquals(Map.of("Fn::Join", List.of("-", List.of("a", Map.of("Ref", "B")))), value("!Join [-, [a, !Ref B]]"));
        assertEquals(Map.of("Fn::If", List.of("C", "a", "b")), value("!If [C, a, b]"));
        assertEquals(Map.of("Fn::Select", List.of(0, Map.of("Fn::Split", List.of(",", "a,b")))),
                value("!Select [0, !Split [',', 'a,b']]"));
        assertEquals(Map.of("Fn::Equals", List.of("a", "b")), value("!Equals [a, b]"));
        assertEquals(Map.of("Fn::Not", List.of(Map.of("Condition", "C"))), value("!Not [!Condition C]"));
        assertEquals(Map.of("Fn::And", List.of(Map.of("Condition", "A"), Map.of("Condition", "B"))),
                value("!And [!Condition A, !Condition B]"));
        assertEquals(Map.of("Fn::Or", List.of(Map.of("Condition", "A"), true)), value("!Or [!Condition A, true]"));
        assertEquals(Map.of("Fn::FindInMap", List.of("M", "k", "v")), value("!FindInMap [M, k, v]"));
        assertEquals(Map.of("Fn::ImportValue", "Export"), value("!ImportValue Export"));
        assertEquals(Map.of("Fn::Base64", "abc"), value("!Base64 abc"));
        assertEquals(Map.of("Fn::GetAZs", ""), value("!GetAZs ''"));
        assertEquals(Map.of("Condition", "C"), value("!Condition C"));
    }

    @Test
    void longFormIsKeptAndTimestampsStayStrings() {
        assertEquals(Map.of("Fn::GetAtt", List.of("Q", "Arn")), value("{\"Fn::GetAtt\": [Q, Arn]}"));
        assertEquals("2010-09-09", value("2010-09-09"));
        assertEquals(30, value("30"));
        assertEquals(true, value("true"));
    }

    @Test
    void resultIsUnmodifiable() {
        Map<String, Object> root = CfnYaml.parse("a:\n  b: [1, 2]\n");
        assertThrows(UnsupportedOperationException.class, () -> root.put("x", 1));
        @SuppressWarnings("unchecked")
        Map<String, Object> a = (Map<String, Object>) root.get("a");
        assertThrows(UnsupportedOperationException.class, () -> ((List<Object>) a.get("b")).add(3));
    }

    @Test
    void errorsAreClear() {
        TemplateException dup = assertThrows(TemplateException.class, () -> CfnYaml.parse("a: 1\na: 2\n"));
        assertTrue(dup.getMessage().contains("Invalid YAML"), dup.getMessage());
        TemplateException bad = assertThrows(TemplateException.class, () -> CfnYaml.parse("v: !GetAtt NoDot\n"));
        assertTrue(bad.getMessage().contains("NoDot"), bad.getMessage());
    }
}
