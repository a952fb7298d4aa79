package vn.movepass.local.template;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link TemplateModel} from a SAM / CloudFormation YAML template. Unknown resource types and properties
 * are ignored; a property that is present but malformed is an error naming the resource and the property.
 * Resource-level {@code Condition}s are not evaluated: every resource is taken.
 */
public final class SamTemplate {
    private static final Logger LOG = LoggerFactory.getLogger(SamTemplate.class);

    private SamTemplate() {
    }

    public static TemplateModel load(Path file) {
        return fromMap(CfnYaml.read(file));
    }

    public static TemplateModel parse(String yaml) {
        return fromMap(CfnYaml.parse(yaml));
    }

    public static TemplateModel fromMap(Map<String, Object> root) {
        Map<String, Object> resources = optMap(root.get("Resources"), "Resources");
        Map<String, Object> globalsFn = optMap(optMap(root.get("Globals"), "Globals").get("Function"),
                "Globals.Function");

        Map<String, ParameterDef> parameters = new LinkedHashMap<>();
        optMap(root.get("Parameters"), "Parameters").forEach((name, raw) -> {
            Map<String, Object> p = optMap(raw, "Parameters." + name);
            Object def = p.get("Default");
            parameters.put(name, new ParameterDef(name, str(p.get("Type"), "Parameters." + name + ".Type"),
                    def == null ? null : scalarString(def, "Parameters." + name + ".Default"),
                    bool(p.get("NoEcho"), false, "Parameters." + name + ".NoEcho")));
        });

        Map<String, String> types = new LinkedHashMap<>();
        List<TableDef> tables = new ArrayList<>();
        List<QueueDef> queues = new ArrayList<>();
        List<FunctionDef> functions = new ArrayList<>();
        List<BucketDef> buckets = new ArrayList<>();
        List<ScheduleDef> schedules = new ArrayList<>();
        List<HttpApiDef> apis = new ArrayList<>();
        List<Map.Entry<String, Map<String, Object>>> schedulerResources = new ArrayList<>();

        for (Map.Entry<String, Object> e : resources.entrySet()) {
            String id = e.getKey();
            Map<String, Object> res = optMap(e.getValue(), "Resources." + id);
            String type = str(res.get("Type"), "Resources." + id + ".Type");
            if (type == null) {
                throw new TemplateException("Resource " + id + " has no Type");
            }
            types.put(id, type);
            Map<String, Object> props = optMap(res.get("Properties"), id + ".Properties");
            switch (type) {
                case "AWS::DynamoDB::Table" -> tables.add(table(id, props));
                case "AWS::SQS::Queue" -> queues.add(queue(id, props));
                case "AWS::Serverless::Function" -> functions.add(function(id, props, globalsFn));
                case "AWS::S3::Bucket" -> buckets.add(new BucketDef(id, props.get("BucketName")));
                case "AWS::Serverless::HttpApi" -> apis.add(httpApi(id, props));
                case "AWS::Scheduler::Schedule" -> schedulerResources.add(Map.entry(id, props));
                default -> { }
            }
        }
        for (FunctionDef f : functions) {
            schedules.addAll(f.scheduleEvents());
        }
        for (Map.Entry<String, Map<String, Object>> e : schedulerResources) {
            ScheduleDef s = schedulerResource(e.getKey(), e.getValue(), types);
            if (s != null) {
                schedules.add(s);
            }
        }
        return new TemplateModel(parameters, tables, queues, functions, buckets, schedules, apis, types,
                optMap(root.get("Conditions"), "Conditions"), optMap(root.get("Mappings"), "Mappings"));
    }

    // ------------------------------------------------------------------ tables

    private static TableDef table(String id, Map<String, Object> p) {
        String ctx = id + ".Properties";
        Map<String, String> attrs = new LinkedHashMap<>();
        for (Object o : optList(p.get("AttributeDefinitions"), ctx + ".AttributeDefinitions")) {
            Map<String, Object> a = optMap(o, ctx + ".AttributeDefinitions[]");
            String name = required(str(a.get("AttributeName"), ctx + ".AttributeDefinitions[].AttributeName"),
                    ctx + ".AttributeDefinitions[].AttributeName");
            String t = required(str(a.get("AttributeType"), ctx + ".AttributeDefinitions[].AttributeType"),
                    ctx + ".AttributeDefinitions[" + name + "].AttributeType");
            if (!t.equals("S") && !t.equals("N") && !t.equals("B")) {
                throw new TemplateException(ctx + ".AttributeDefinitions[" + name + "].AttributeType must be S, N or B, "
                        + "got " + t);
            }
            attrs.put(name, t);
        }
        KeySchema keys = keySchema(p.get("KeySchema"), ctx + ".KeySchema");
        List<IndexDef> gsis = indexes(p.get("GlobalSecondaryIndexes"), ctx + ".GlobalSecondaryIndexes");
        List<IndexDef> lsis = indexes(p.get("LocalSecondaryIndexes"), ctx + ".LocalSecondaryIndexes");
        String ttl = null;
        Map<String, Object> ttlSpec = optMap(p.get("TimeToLiveSpecification"), ctx + ".TimeToLiveSpecification");
        if (!ttlSpec.isEmpty() && bool(ttlSpec.get("Enabled"), false, ctx + ".TimeToLiveSpecification.Enabled")) {
            ttl = required(str(ttlSpec.get("AttributeName"), ctx + ".TimeToLiveSpecification.AttributeName"),
                    ctx + ".TimeToLiveSpecification.AttributeName");
        }
        String stream = null;
        Map<String, Object> streamSpec = optMap(p.get("StreamSpecification"), ctx + ".StreamSpecification");
        if (!streamSpec.isEmpty()) {
            stream = str(streamSpec.get("StreamViewType"), ctx + ".StreamSpecification.StreamViewType");
        }
        checkDefined(keys, attrs, ctx + ".KeySchema");
        for (IndexDef i : gsis) {
            checkDefined(i.keySchema(), attrs, ctx + ".GlobalSecondaryIndexes[" + i.name() + "]");
        }
        for (IndexDef i : lsis) {
            checkDefined(i.keySchema(), attrs, ctx + ".LocalSecondaryIndexes[" + i.name() + "]");
        }
        return new TableDef(id, keys, attrs, gsis, lsis, ttl, stream);
    }

    private static void checkDefined(KeySchema k, Map<String, String> attrs, String ctx) {
        for (String a : new String[] {k.hash(), k.range()}) {
            if (a != null && !attrs.containsKey(a)) {
                throw new TemplateException(ctx + " uses attribute '" + a + "' missing from AttributeDefinitions");
            }
        }
    }

    private static KeySchema keySchema(Object raw, String ctx) {
        String hash = null;
        String range = null;
        for (Object o : optList(raw, ctx)) {
            Map<String, Object> k = optMap(o, ctx + "[]");
            String name = required(str(k.get("AttributeName"), ctx + "[].AttributeName"), ctx + "[].AttributeName");
            String kt = required(str(k.get("KeyType"), ctx + "[].KeyType"), ctx + "[" + name + "].KeyType");
            switch (kt) {
                case "HASH" -> hash = name;
                case "RANGE" -> range = name;
                default -> throw new TemplateException(ctx + "[" + name + "].KeyType must be HASH or RANGE, got " + kt);
            }
        }
        if (hash == null) {
            throw new TemplateException(ctx + " has no HASH key");
        }
        return new KeySchema(hash, range);
    }

    private static List<IndexDef> indexes(Object raw, String ctx) {
        List<IndexDef> out = new ArrayList<>();
        for (Object o : optList(raw, ctx)) {
            Map<String, Object> i = optMap(o, ctx + "[]");
            String name = required(str(i.get("IndexName"), ctx + "[].IndexName"), ctx + "[].IndexName");
            String ictx = ctx + "[" + name + "]";
            KeySchema keys = keySchema(i.get("KeySchema"), ictx + ".KeySchema");
            Map<String, Object> proj = optMap(i.get("Projection"), ictx + ".Projection");
            String pt = str(proj.get("ProjectionType"), ictx + ".Projection.ProjectionType");
            List<String> nonKey = new ArrayList<>();
            for (Object a : optList(proj.get("NonKeyAttributes"), ictx + ".Projection.NonKeyAttributes")) {
                nonKey.add(str(a, ictx + ".Projection.NonKeyAttributes[]"));
            }
            out.add(new IndexDef(name, keys, pt == null ? (nonKey.isEmpty() ? "KEYS_ONLY" : "INCLUDE") : pt, nonKey));
        }
        return out;
    }

    // ------------------------------------------------------------------ queues

    private static QueueDef queue(String id, Map<String, Object> p) {
        String ctx = id + ".Properties";
        boolean fifo = bool(p.get("FifoQueue"), false, ctx + ".FifoQueue");
        Object qn = p.get("QueueName");
        if (qn instanceof String s && s.endsWith(".fifo")) {
            fifo = true;
        }
        boolean cbd = bool(p.get("ContentBasedDeduplication"), false, ctx + ".ContentBasedDeduplication");
        int vis = integer(p.get("VisibilityTimeout"), QueueDef.DEFAULT_VISIBILITY_TIMEOUT, ctx + ".VisibilityTimeout");
        int ret = integer(p.get("MessageRetentionPeriod"), QueueDef.DEFAULT_RETENTION, ctx + ".MessageRetentionPeriod");
        int delay = integer(p.get("DelaySeconds"), 0, ctx + ".DelaySeconds");
        String dlq = null;
        int maxReceive = 0;
        Map<String, Object> redrive = optMap(p.get("RedrivePolicy"), ctx + ".RedrivePolicy");
        if (!redrive.isEmpty()) {
            Object target = redrive.get("deadLetterTargetArn");
            String[] ga = getAtt(target);
            if (ga == null || !ga[1].equals("Arn")) {
                throw new TemplateException(ctx + ".RedrivePolicy.deadLetterTargetArn must be !GetAtt Queue.Arn, got "
                        + target);
            }
            dlq = ga[0];
            maxReceive = integer(redrive.get("maxReceiveCount"), 0, ctx + ".RedrivePolicy.maxReceiveCount");
            if (maxReceive < 1) {
                throw new TemplateException(ctx + ".RedrivePolicy.maxReceiveCount must be >= 1");
            }
        }
        return new QueueDef(id, fifo, cbd, vis, ret, delay, dlq, maxReceive);
    }

    // ------------------------------------------------------------------ functions

    private static FunctionDef function(String id, Map<String, Object> p, Map<String, Object> g) {
        String ctx = id + ".Properties";
        String handler = str(firstNonNull(p.get("Handler"), g.get("Handler")), ctx + ".Handler");
        if (handler == null || handler.isBlank()) {
            throw new TemplateException(ctx + ".Handler is missing");
        }
        String handlerClass = handler;
        String handlerMethod = null;
        int sep = handler.indexOf("::");
        if (sep >= 0) {
            handlerClass = handler.substring(0, sep);
            handlerMethod = handler.substring(sep + 2);
        }
        Object code = firstNonNull(p.get("CodeUri"), g.get("CodeUri"));
        String codeUri = code instanceof String s ? s : (code == null ? null : String.valueOf(code));
        int memory = integer(firstNonNull(p.get("MemorySize"), g.get("MemorySize")), FunctionDef.DEFAULT_MEMORY,
                ctx + ".MemorySize");
        int timeout = integer(firstNonNull(p.get("Timeout"), g.get("Timeout")), FunctionDef.DEFAULT_TIMEOUT,
                ctx + ".Timeout");

        Map<String, Object> env = new LinkedHashMap<>();
        env.putAll(envVars(g, "Globals.Function"));
        env.putAll(envVars(p, ctx));

        List<HttpEventDef> http = new ArrayList<>();
        List<SqsEventDef> sqs = new ArrayList<>();
        List<ScheduleDef> schedules = new ArrayList<>();
        Map<String, String> other = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : optMap(p.get("Events"), ctx + ".Events").entrySet()) {
            String name = e.getKey();
            String ectx = ctx + ".Events." + name;
            Map<String, Object> ev = optMap(e.getValue(), ectx);
            String type = required(str(ev.get("Type"), ectx + ".Type"), ectx + ".Type");
            Map<String, Object> ep = optMap(ev.get("Properties"), ectx + ".Properties");
            switch (type) {
                case "HttpApi", "Api" -> http.add(httpEvent(name, ep, ectx + ".Properties"));
                case "SQS" -> sqs.add(sqsEvent(name, ep, ectx + ".Properties"));
                case "Schedule" -> schedules.add(new ScheduleDef(name, id, ScheduleKind.SCHEDULE,
                        required(str(ep.get("Schedule"), ectx + ".Properties.Schedule"), ectx + ".Properties.Schedule"),
                        null, inputString(ep.get("Input"), ectx + ".Properties.Input"),
                        enabled(ep, ectx + ".Properties"), false));
                case "ScheduleV2" -> schedules.add(new ScheduleDef(name, id, ScheduleKind.SCHEDULE_V2,
                        required(str(ep.get("ScheduleExpression"), ectx + ".Properties.ScheduleExpression"),
                                ectx + ".Properties.ScheduleExpression"),
                        str(ep.get("ScheduleExpressionTimezone"), ectx + ".Properties.ScheduleExpressionTimezone"),
                        inputString(ep.get("Input"), ectx + ".Properties.Input"),
                        enabled(ep, ectx + ".Properties"), false));
                default -> other.put(name, type);
            }
        }
        return new FunctionDef(id, handlerClass, handlerMethod, codeUri, memory, timeout, env, http, sqs,
                schedules, other);
    }

    private static Map<String, Object> envVars(Map<String, Object> props, String ctx) {
        Map<String, Object> env = optMap(props.get("Environment"), ctx + ".Environment");
        return optMap(env.get("Variables"), ctx + ".Environment.Variables");
    }

    private static HttpEventDef httpEvent(String name, Map<String, Object> p, String ctx) {
        String method = str(p.get("Method"), ctx + ".Method");
        String path = str(p.get("Path"), ctx + ".Path");
        if (method == null || path == null) {
            // SAM's catch-all: an HttpApi event without Path/Method takes every route ($default).
            method = method == null ? "ANY" : method;
            path = path == null ? "$default" : path;
        }
        Map<String, Object> auth = optMap(p.get("Auth"), ctx + ".Auth");
        String authorizer = str(auth.get("Authorizer"), ctx + ".Auth.Authorizer");
        String api = null;
        Object apiRaw = firstNonNull(p.get("ApiId"), p.get("RestApiId"));
        if (apiRaw != null) {
            api = ref(apiRaw);
            if (api == null) {
                throw new TemplateException(ctx + ".ApiId must be !Ref Api, got " + apiRaw);
            }
        }
        return new HttpEventDef(name, method.toUpperCase(Locale.ROOT), path, "NONE".equals(authorizer), authorizer, api);
    }

    private static SqsEventDef sqsEvent(String name, Map<String, Object> p, String ctx) {
        Object q = p.get("Queue");
        String[] ga = getAtt(q);
        if (ga == null || !ga[1].equals("Arn")) {
            throw new TemplateException(ctx + ".Queue must be !GetAtt Queue.Arn, got " + q);
        }
        boolean report = false;
        for (Object o : optList(p.get("FunctionResponseTypes"), ctx + ".FunctionResponseTypes")) {
            if ("ReportBatchItemFailures".equals(o)) {
                report = true;
            }
        }
        Map<String, Object> scaling = optMap(p.get("ScalingConfig"), ctx + ".ScalingConfig");
        Integer maxConc = scaling.get("MaximumConcurrency") == null ? null
                : integer(scaling.get("MaximumConcurrency"), 0, ctx + ".ScalingConfig.MaximumConcurrency");
        return new SqsEventDef(name, ga[0], integer(p.get("BatchSize"), 10, ctx + ".BatchSize"),
                integer(p.get("MaximumBatchingWindowInSeconds"), 0, ctx + ".MaximumBatchingWindowInSeconds"),
                report, bool(p.get("Enabled"), true, ctx + ".Enabled"), maxConc);
    }

    private static boolean enabled(Map<String, Object> p, String ctx) {
        Object state = p.get("State");
        if (state != null) {
            return "ENABLED".equalsIgnoreCase(str(state, ctx + ".State"));
        }
        return bool(p.get("Enabled"), true, ctx + ".Enabled");
    }

    private static String inputString(Object raw, String ctx) {
        if (raw == null) {
            return null;
        }
        if (raw instanceof String s) {
            return s;
        }
        throw new TemplateException(ctx + " must be a JSON string (intrinsic functions are not supported there), got "
                + raw);
    }

    private static ScheduleDef schedulerResource(String id, Map<String, Object> p, Map<String, String> types) {
        String ctx = id + ".Properties";
        Map<String, Object> target = optMap(p.get("Target"), ctx + ".Target");
        Object arn = target.get("Arn");
        String[] ga = getAtt(arn);
        if (ga == null || !ga[1].equals("Arn") || !"AWS::Serverless::Function".equals(types.get(ga[0]))
                && !"AWS::Lambda::Function".equals(types.get(ga[0]))) {
            LOG.warn("Skipping schedule {}: Target.Arn {} is not !GetAtt <Function>.Arn", id, arn);
            return null;
        }
        return new ScheduleDef(id, ga[0], ScheduleKind.SCHEDULE_V2,
                required(str(p.get("ScheduleExpression"), ctx + ".ScheduleExpression"), ctx + ".ScheduleExpression"),
                str(p.get("ScheduleExpressionTimezone"), ctx + ".ScheduleExpressionTimezone"),
                inputString(target.get("Input"), ctx + ".Target.Input"), enabled(p, ctx), true);
    }

    // ------------------------------------------------------------------ HTTP API

    private static HttpApiDef httpApi(String id, Map<String, Object> p) {
        String ctx = id + ".Properties";
        Map<String, Object> auth = optMap(p.get("Auth"), ctx + ".Auth");
        Map<String, HttpApiDef.JwtAuthorizerDef> authorizers = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : optMap(auth.get("Authorizers"), ctx + ".Auth.Authorizers").entrySet()) {
            String actx = ctx + ".Auth.Authorizers." + e.getKey();
            Map<String, Object> a = optMap(e.getValue(), actx);
            Map<String, Object> jwt = optMap(a.get("JwtConfiguration"), actx + ".JwtConfiguration");
            if (jwt.isEmpty()) {
                continue; // Lambda authorizers are not modelled
            }
            Object aud = jwt.get("audience");
            List<Object> audience = aud instanceof List<?> l ? new ArrayList<>(l)
                    : aud == null ? List.of() : List.of(aud);
            authorizers.put(e.getKey(), new HttpApiDef.JwtAuthorizerDef(e.getKey(),
                    str(a.get("IdentitySource"), actx + ".IdentitySource"), jwt.get("issuer"), audience));
        }
        return new HttpApiDef(id, p.get("StageName"), str(auth.get("DefaultAuthorizer"), ctx + ".Auth.DefaultAuthorizer"),
                authorizers);
    }

    // ------------------------------------------------------------------ helpers

    /** [logicalId, attribute] of {@code {"Fn::GetAtt": [a, b]}} or {@code {"Fn::GetAtt": "a.b"}}, else null. */
    public static String[] getAtt(Object raw) {
        if (raw instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("Fn::GetAtt")) {
            Object v = m.get("Fn::GetAtt");
            if (v instanceof List<?> l && l.size() == 2 && l.get(0) instanceof String a && l.get(1) instanceof String b) {
                return new String[] {a, b};
            }
            if (v instanceof String s && s.indexOf('.') > 0) {
                int dot = s.indexOf('.');
                return new String[] {s.substring(0, dot), s.substring(dot + 1)};
            }
        }
        return null;
    }

    /** The name in {@code {"Ref": name}}, else null. */
    public static String ref(Object raw) {
        if (raw instanceof Map<?, ?> m && m.size() == 1 && m.get("Ref") instanceof String s) {
            return s;
        }
        return null;
    }

    private static Object firstNonNull(Object a, Object b) {
        return a != null ? a : b;
    }

    private static String required(String v, String ctx) {
        if (v == null) {
            throw new TemplateException(ctx + " is missing");
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> optMap(Object raw, String ctx) {
        if (raw == null) {
            return Map.of();
        }
        if (raw instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new TemplateException(ctx + " must be a mapping, got " + raw);
    }

    private static List<?> optList(Object raw, String ctx) {
        if (raw == null) {
            return List.of();
        }
        if (raw instanceof List<?> l) {
            return l;
        }
        throw new TemplateException(ctx + " must be a list, got " + raw);
    }

    private static String str(Object raw, String ctx) {
        if (raw == null) {
            return null;
        }
        if (raw instanceof String s) {
            return s;
        }
        if (raw instanceof Number || raw instanceof Boolean) {
            return String.valueOf(raw);
        }
        throw new TemplateException(ctx + " must be a plain string here, got " + raw);
    }

    private static String scalarString(Object raw, String ctx) {
        if (raw instanceof List<?> l) {
            // CommaDelimitedList defaults may be written as a YAML list
            List<String> parts = new ArrayList<>();
            for (Object o : l) {
                parts.add(str(o, ctx));
            }
            return String.join(",", parts);
        }
        return str(raw, ctx);
    }

    private static int integer(Object raw, int dflt, String ctx) {
        if (raw == null) {
            return dflt;
        }
        if (raw instanceof Integer i) {
            return i;
        }
        if (raw instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            return l.intValue();
        }
        if (raw instanceof String s) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new TemplateException(ctx + " must be an integer literal, got " + raw);
    }

    private static boolean bool(Object raw, boolean dflt, String ctx) {
        if (raw == null) {
            return dflt;
        }
        if (raw instanceof Boolean b) {
            return b;
        }
        if (raw instanceof String s) {
            if (s.equalsIgnoreCase("true")) {
                return true;
            }
            if (s.equalsIgnoreCase("false")) {
                return false;
            }
        }
        throw new TemplateException(ctx + " must be true or false, got " + raw);
    }
}
