package vn.movepass.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class SamTemplateTest {

    static Path resource(String name) {
        try {
            return Path.of(SamTemplateTest.class.getResource(name.equals("template.yaml") ? "/movepass/template.yaml" : "/" + name)
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void realTemplate() {
        TemplateModel m = SamTemplate.load(resource("template.yaml"));

        assertTrue(m.parameters().keySet().containsAll(List.of("Stage", "JwtIssuer", "JwtAudience", "PassSigningSeed",
                "PassVerificationKeys", "ScanKey", "DeclarationRetentionDays")), m.parameters().keySet().toString());
        assertEquals("30", m.parameters().get("DeclarationRetentionDays").defaultValue());
        assertEquals("", m.parameters().get("PassVerificationKeys").defaultValue());
        assertEquals("", m.parameters().get("JwtIssuer").defaultValue(), "empty = the stack's own Cognito user pool");
        assertTrue(m.parameters().get("ScanKey").noEcho());

        assertTrue(m.tables().stream().map(TableDef::logicalId).toList().containsAll(List.of("ResidentsTable",
                "DeclarationsTable", "PassesTable", "PassagesTable", "CheckpointsTable", "HealthTable")));
        assertTrue(m.table("ClassificationsTable").isEmpty(), "retired: health status lives in HealthTable");
        TableDef passages = m.table("PassagesTable").orElseThrow();
        assertEquals(new KeySchema("pk", "sk"), passages.keySchema());
        assertEquals(Map.of("pk", "S", "sk", "S", "citizenId", "S", "plateKey", "S", "at", "S"),
                passages.attributeDefinitions());
        assertEquals(List.of(new IndexDef("byCitizen", new KeySchema("citizenId", "at"), "ALL", List.of()),
                new IndexDef("byPlate", new KeySchema("plateKey", "at"), "ALL", List.of())), passages.gsis());
        assertEquals("expiresAt", passages.ttlAttribute());
        assertNull(passages.streamViewType());
        assertNull(m.table("ResidentsTable").orElseThrow().ttlAttribute());
        assertEquals("N", m.table("PassesTable").orElseThrow().attributeDefinitions().get("expiresAt"));

        QueueDef trace = m.queue("TraceRequestsQueue").orElseThrow();
        assertEquals(new QueueDef("TraceRequestsQueue", false, false, 180, 345600, 0, "TraceRequestsDlq", 5), trace);
        QueueDef dlq = m.queue("TraceRequestsDlq").orElseThrow();
        assertEquals(QueueDef.DEFAULT_VISIBILITY_TIMEOUT, dlq.visibilityTimeoutSeconds());
        assertEquals(1209600, dlq.messageRetentionSeconds());
        assertNull(dlq.deadLetterLogicalId());

        assertTrue(m.functions().stream().map(FunctionDef::logicalId).toList().containsAll(List.of(
                "DeclarationSubmitFunction", "PassesFunction", "CheckpointScanFunction", "AdminFunction")));
        FunctionDef submit = m.function("DeclarationSubmitFunction").orElseThrow();
        assertEquals("vn.movepass.functions.declaration.DeclarationSubmitHandler", submit.handlerClass());
        assertEquals("handleRequest", submit.handlerMethod());
        assertEquals("functions/declaration-submit/target/declaration-submit.zip", submit.codeUri());
        assertEquals(1024, submit.memorySize());
        assertEquals(10, submit.timeout());
        assertEquals(29, m.function("AdminFunction").orElseThrow().timeout());
        // globals first, then the function's own
        List<String> keys = List.copyOf(submit.environment().keySet());
        assertTrue(keys.indexOf("PASSES_TABLE") >= 0 && keys.indexOf("PASSES_TABLE") < keys.indexOf("PASS_SIGNING_SEED"), keys.toString());
        assertEquals(Map.of("Ref", "PassesTable"), submit.environment().get("PASSES_TABLE"));
        assertEquals(List.of(
                new HttpEventDef("Submit", "POST", "/v1/declarations", true, "NONE", "Api"),
                new HttpEventDef("PaperDeclaration", "POST", "/v1/checkpoints/{checkpointId}/declarations", false,
                        null, "Api")), submit.httpEvents());
        FunctionDef pass = m.function("PassesFunction").orElseThrow();
        Map<String, Boolean> passEvents = pass.httpEvents().stream()
                .collect(Collectors.toMap(HttpEventDef::name, HttpEventDef::authorizerNone));
        assertTrue(passEvents.entrySet().containsAll(Map.of("GetPass", true, "QrPng", true, "QrSvg", true, "Jwks", true,
                "Revoke", false).entrySet()), passEvents.toString());
        assertTrue(m.functions().stream().mapToInt(f -> f.httpEvents().size()).sum() >= 12);
        assertTrue(m.functions().stream().flatMap(f -> f.sqsEvents().stream()).allMatch(e -> e.reportBatchItemFailures()),
                "every SQS event source reports batch item failures");

        assertEquals(1, m.httpApis().size());
        HttpApiDef api = m.httpApis().get(0);
        assertEquals("OfficialsJwt", api.defaultAuthorizer());
        assertEquals(Map.of("Ref", "Stage"), api.stageName());
        HttpApiDef.JwtAuthorizerDef jwt = api.authorizers().get("OfficialsJwt");
        assertEquals("$request.header.Authorization", jwt.identitySource());
        assertEquals(Map.of("Fn::If", List.of("UseOwnUserPool",
                Map.of("Fn::Sub", "https://cognito-idp.${AWS::Region}.amazonaws.com/${OfficialsUserPool}"),
                Map.of("Ref", "JwtIssuer"))), jwt.issuer());
        assertEquals(List.of(Map.of("Fn::If", List.of("UseOwnClient", Map.of("Ref", "OfficialsUserPoolClient"),
                Map.of("Ref", "JwtAudience")))), jwt.audience());

        assertEquals("AWS::Serverless::HttpApi", m.resourceTypes().get("Api"));
    }

    @Test
    void realTemplateEnvironmentResolves() {
        TemplateModel m = SamTemplate.load(resource("template.yaml"));
        Map<String, String> names = m.tables().stream()
                .collect(Collectors.toMap(TableDef::logicalId, t -> "local-" + t.logicalId()));
        Map<String, String> refs = ValueResolver.refs(m, Map.of("PassSigningSeed", "seed", "JwtIssuer", "https://iss",
                "PageTokenKey", "page-key"), names, "ap-southeast-1", "000000000000");
        ValueResolver r = ValueResolver.forModel(m, (id, attr) -> null);
        Map<String, String> env = r.resolveAll(m.function("DeclarationSubmitFunction").orElseThrow().environment(), refs);
        assertEquals("local-PassesTable", env.get("PASSES_TABLE"));
        assertEquals("30", env.get("DECLARATION_RETENTION_DAYS"));
        assertEquals("seed", env.get("PASS_SIGNING_SEED"));
        assertEquals("", env.get("PASS_VERIFICATION_KEYS"));
        assertEquals("page-key", env.get("PAGE_TOKEN_KEY"));

        // ScanKey has no Default and was not supplied: the error names the variable and the parameter
        TemplateException e = assertThrows(TemplateException.class, () ->
                r.resolveAll(m.function("CheckpointScanFunction").orElseThrow().environment(), refs));
        assertTrue(e.getMessage().contains("SCAN_KEY") && e.getMessage().contains("ScanKey"), e.getMessage());
    }

    @Test
    void sampleTemplate() {
        TemplateModel m = SamTemplate.load(resource("sample-template.yaml"));
        assertEquals("a,b,c", m.parameters().get("Zones").defaultValue());

        FunctionDef worker = m.function("WorkerFunction").orElseThrow();
        assertEquals("vn.movepass.test.Worker", worker.handlerClass());
        assertEquals("handle", worker.handlerMethod());
        assertEquals(512, worker.memorySize());
        assertEquals(7, worker.timeout());
        assertEquals("overridden", worker.environment().get("STAGE"));
        assertEquals(List.of(
                new SqsEventDef("Work", "WorkQueue", 5, 1, true, true, 2),
                new SqsEventDef("Ordered", "OrderedQueue", 10, 0, false, true, null)), worker.sqsEvents());
        assertEquals(List.of(
                new ScheduleDef("Nightly", "WorkerFunction", ScheduleKind.SCHEDULE_V2, "cron(0 2 * * ? *)",
                        "Asia/Ho_Chi_Minh", "{\"job\":\"nightly\"}", true, false),
                new ScheduleDef("Every5", "WorkerFunction", ScheduleKind.SCHEDULE, "rate(5 minutes)", null, null,
                        false, false)), worker.scheduleEvents());
        assertEquals(Map.of("Upload", "S3"), worker.otherEvents());
        assertEquals(List.of(new HttpEventDef("Get", "GET", "/v1/items/{id}", true, "NONE", null)),
                worker.httpEvents());

        FunctionDef plain = m.function("PlainFunction").orElseThrow();
        assertEquals("vn.movepass.test.DefaultHandler", plain.handlerClass());
        assertEquals(5, plain.timeout());
        assertEquals(List.of("STAGE", "WORK_QUEUE_URL"), List.copyOf(plain.environment().keySet()));

        // function events first, then the standalone scheduler resources targeting functions
        assertEquals(3, m.schedules().size());
        assertEquals(new ScheduleDef("CleanupSchedule", "PlainFunction", ScheduleKind.SCHEDULE_V2, "rate(1 hour)",
                "UTC", "{\"job\":\"cleanup\"}", true, true), m.schedules().get(2));

        assertEquals(List.of("UploadsBucket"), m.buckets().stream().map(BucketDef::logicalId).toList());
        assertEquals(Map.of("Fn::Sub", "uploads-${Stage}"), m.buckets().get(0).bucketName());

        TableDef items = m.table("ItemsTable").orElseThrow();
        assertEquals(new IndexDef("byOwner", new KeySchema("owner", "size"), "INCLUDE", List.of("title", "state")),
                items.gsis().get(0));
        assertEquals(new IndexDef("byBlob", new KeySchema("blob", null), "KEYS_ONLY", List.of()), items.gsis().get(1));
        assertEquals(List.of(new IndexDef("bySize", new KeySchema("pk", "size"), "ALL", List.of())), items.lsis());
        assertEquals("NEW_AND_OLD_IMAGES", items.streamViewType());
        assertEquals("ttl", items.ttlAttribute());
        assertNull(m.table("NoTtlTable").orElseThrow().ttlAttribute());

        QueueDef ordered = m.queue("OrderedQueue").orElseThrow();
        assertTrue(ordered.fifo());
        assertTrue(ordered.contentBasedDeduplication());
        assertEquals("OrderedQueue.fifo", ordered.queueName());
        assertEquals(new QueueDef("WorkQueue", false, false, 3, 3600, 0, "WorkDlq", 3), m.queue("WorkQueue").orElseThrow());
        assertFalse(m.queue("WorkDlq").orElseThrow().fifo());
    }

    @Test
    void sampleTemplateResolvesEveryIntrinsic() {
        TemplateModel m = SamTemplate.load(resource("sample-template.yaml"));
        Map<String, String> refs = ValueResolver.refs(m, Map.of(), Map.of("ItemsTable", "ItemsTable",
                "WorkQueue", "http://localhost:1/000000000000/WorkQueue"), "ap-southeast-1", "000000000000");
        ValueResolver r = ValueResolver.forModel(m, (id, attr) -> switch (id + "." + attr) {
            case "WorkQueue.Arn" -> "arn:aws:sqs:ap-southeast-1:000000000000:WorkQueue";
            case "WorkQueue.QueueName" -> "WorkQueue";
            default -> null;
        });
        Map<String, Object> env = m.function("WorkerFunction").orElseThrow().environment();
        assertEquals("hello-test-ap-southeast-1-arn:aws:sqs:ap-southeast-1:000000000000:WorkQueue-${Literal}",
                r.resolve(env.get("GREETING"), refs));
        assertEquals("y/test", r.resolve(env.get("SUB_LIST"), refs));
        assertEquals("test-3-ap-southeast-1a", r.resolve(env.get("JOINED"), refs));
        assertEquals("development", r.resolve(env.get("MODE"), refs));
        assertEquals("DEBUG", r.resolve(env.get("LEVEL"), refs));
        assertEquals("YWJj", r.resolve(env.get("ENCODED"), refs));
        assertEquals("WorkQueue", r.resolve(env.get("QUEUE_NAME"), refs));
        assertNull(r.resolve(env.get("DROPPED"), refs));
        assertEquals("production", r.withConditionValues(Map.of("IsProd", true)).resolve(env.get("MODE"), refs));

        Map<String, String> prodRefs = ValueResolver.refs(m, Map.of("Stage", "prod"), Map.of(), "ap-southeast-1", "0");
        assertEquals("production", r.resolve(env.get("MODE"), prodRefs));
        assertEquals("INFO", r.resolve(env.get("LEVEL"), prodRefs));

        TemplateException e = assertThrows(TemplateException.class, () -> r.resolve(env.get("IMPORTED"), refs));
        assertTrue(e.getMessage().contains("Fn::ImportValue") && e.getMessage().contains("SharedExport"),
                e.getMessage());
        TemplateException att = assertThrows(TemplateException.class,
                () -> r.resolve(Map.of("Fn::GetAtt", List.of("ItemsTable", "StreamArn")), refs));
        assertTrue(att.getMessage().contains("ItemsTable.StreamArn"), att.getMessage());
    }

    @Test
    void malformedPropertiesAreNamed() {
        String yaml = """
                Resources:
                  Q:
                    Type: AWS::SQS::Queue
                    Properties:
                      VisibilityTimeout: soon
                """;
        TemplateException e = assertThrows(TemplateException.class, () -> SamTemplate.parse(yaml));
        assertTrue(e.getMessage().contains("Q.Properties.VisibilityTimeout"), e.getMessage());

        String missingAttr = """
                Resources:
                  T:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      AttributeDefinitions: [{AttributeName: a, AttributeType: S}]
                      KeySchema: [{AttributeName: b, KeyType: HASH}]
                """;
        TemplateException e2 = assertThrows(TemplateException.class, () -> SamTemplate.parse(missingAttr));
        assertTrue(e2.getMessage().contains("'b'"), e2.getMessage());
    }
}
