#!/usr/bin/env python3
"""After deploy_moto.py: every resource of the translated template.yaml, checked as the template declares it.

  python3 check_full.py TEMPLATE STACK OUT_DIR

Deployed resources are read back from the endpoint (AWS_ENDPOINT_URL) and compared with OUT_DIR/full.json (the
template after the SAM transform): tables, queues, buckets and log groups (check_deployed.py), Lambda functions
(handler, runtime, memory, timeout, architecture, environment variable names and literal values, role), the alias
"live", IAM roles (trust, managed policies, every inline policy's actions and resources), event source mappings
(queue -> function alias, batch size, ReportBatchItemFailures), permissions, the SNS alarm topic, the dashboard.
Resources deploy_moto.py created through their service APIs (OUT_DIR/direct.json) are read back there too: the HTTP
API (every route with its integration and authorizer, the JWT authorizer, the stage's throttling), alarms (metric,
dimensions, threshold, actions), schedules (expression, zone, the function's alias, role), user pool and client,
Glue database and tables, Athena workgroup, bucket policy, e-mail subscription, origin access control. What moto
cannot create at all (OUT_DIR/not-deployed.json: the CloudFront distribution, function and policies, the web bucket
policy) is checked in full.json instead, as is the API against template.yaml's HttpApi events; those lines say
"(template)". Exits 1 on any failure.
"""
import json
import os
import re
import sys

import boto3

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cfn_template  # noqa: E402
import check_deployed  # noqa: E402

passed, failed = [], []


def check(name, ok, detail):
    (passed if ok else failed).append(name)
    print("%s %-44s %s" % ("ok  " if ok else "FAIL", name, detail[:220]))


class Resolver:
    """Intrinsic functions of full.json resolved against what the endpoint created."""

    def __init__(self, session, endpoint, physical, params, resources, conditions=None):
        self.conditions = conditions or {}
        self.c = lambda name: session.client(name, endpoint_url=endpoint)
        self.physical, self.params, self.resources = physical, params, resources
        self.pseudo = {"AWS::Partition": "aws", "AWS::Region": session.region_name, "AWS::URLSuffix": "amazonaws.com",
                       "AWS::AccountId": self.c("sts").get_caller_identity()["Account"]}
        self.cache = {}

    def condition(self, value):
        if isinstance(value, str):
            return self.condition(self.conditions[value])
        (k, v), = value.items()
        if k == "Fn::Equals":
            return str(self(v[0])) == str(self(v[1]))
        if k == "Fn::Not":
            return not self.condition(v[0])
        if k == "Fn::And":
            return all(self.condition(c) for c in v)
        if k == "Fn::Or":
            return any(self.condition(c) for c in v)
        if k == "Condition":
            return self.condition(v)
        raise LookupError(k)

    def ref(self, name):
        res = self.resources.get(name, {})
        if res.get("Type") == "AWS::Lambda::Alias":  # deploy_moto.py sent aliases' Refs to their functions
            return self.physical[res["Properties"]["FunctionName"]["Ref"]]
        if name in self.resources and name not in self.physical:
            return "moto-skipped-" + name  # what deploy_moto.py sent in place of a resource moto cannot create
        if name in self.pseudo:
            return self.pseudo[name]
        if name in self.params:
            return self.params[name]
        if name in self.physical:
            return self.physical[name]
        raise LookupError(name)

    def att(self, logical, attribute):
        key = (logical, attribute)
        if key not in self.cache:
            kind, name = self.resources[logical]["Type"], self.ref(logical)
            if kind == "AWS::SQS::Queue":
                attrs = self.c("sqs").get_queue_attributes(QueueUrl=name, AttributeNames=["All"])["Attributes"]
                value = {"Arn": attrs["QueueArn"], "QueueName": attrs["QueueArn"].rsplit(":", 1)[-1],
                         "QueueUrl": name}[attribute]
            elif kind == "AWS::DynamoDB::Table":
                table = self.c("dynamodb").describe_table(TableName=name)["Table"]
                value = {"Arn": table["TableArn"], "StreamArn": table.get("LatestStreamArn")}[attribute]
            elif kind == "AWS::Lambda::Function":
                value = self.c("lambda").get_function(FunctionName=name)["Configuration"]["FunctionArn"]
            elif kind == "AWS::IAM::Role":
                value = self.c("iam").get_role(RoleName=name)["Role"]["Arn"]
            elif kind == "AWS::S3::Bucket":
                value = {"Arn": "arn:aws:s3:::" + name, "RegionalDomainName": name + ".s3.amazonaws.com",
                         "DomainName": name + ".s3.amazonaws.com"}[attribute]
            elif kind == "AWS::SNS::Topic":
                value = {"TopicArn": name, "TopicName": name.rsplit(":", 1)[-1]}[attribute]
            else:
                raise LookupError("%s.%s" % (logical, attribute))
            self.cache[key] = value
        return self.cache[key]

    def __call__(self, value):
        if isinstance(value, dict) and len(value) == 1:
            (k, v), = value.items()
            if k == "Ref":
                return self.ref(v)
            if k == "Fn::GetAtt":
                return self.att(v[0], v[1])
            if k == "Fn::Sub":
                text, variables = (v[0], v[1]) if isinstance(v, list) else (v, {})
                variables = {n: self(x) for n, x in variables.items()}

                def one(m):
                    name = m.group(1)
                    if name in variables:
                        return str(variables[name])
                    return str(self.att(*name.split(".", 1)) if "." in name and not name.startswith("AWS::")
                               else self.ref(name))

                return re.sub(r"\$\{([^}!][^}]*)}", one, text)
            if k == "Fn::Join":
                return v[0].join(str(self(x)) for x in v[1])
            if k == "Fn::If":
                return self(v[1] if self.condition(v[0]) else v[2])
        if isinstance(value, dict):
            return {k: self(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self(v) for v in value]
        return value


def as_list(v):
    return v if isinstance(v, list) else [v]


def document(doc):
    if isinstance(doc, str):
        try:
            return json.loads(doc)
        except ValueError:
            import ast
            return ast.literal_eval(doc)  # moto returns some documents as Python reprs
    return doc


def statements(doc, resolve):
    out = set()
    for s in as_list(doc.get("Statement", [])):
        actions = tuple(sorted(as_list(s.get("Action", []))))
        try:
            res = tuple(sorted(str(r) for r in as_list(resolve(s.get("Resource", "*")))))
        except LookupError as e:
            res = ("unresolved " + str(e),)
        out.add((s.get("Effect"), actions, res))
    return out


def check_deployed_resources(full, physical, resolve, endpoint, session):
    lam, iam = session.client("lambda", endpoint_url=endpoint), session.client("iam", endpoint_url=endpoint)
    resources = full["Resources"]
    for logical, res in resources.items():
        kind, props = res["Type"], res.get("Properties", {})
        if kind not in ("AWS::Lambda::Function", "AWS::IAM::Role", "AWS::Lambda::EventSourceMapping",
                        "AWS::Lambda::Alias", "AWS::Lambda::Permission", "AWS::SNS::Topic",
                        "AWS::CloudWatch::Dashboard", "AWS::Lambda::Version"):
            continue
        if kind == "AWS::Lambda::Alias":
            function = physical[props["FunctionName"]["Ref"]]
            alias = lam.get_alias(FunctionName=function, Name=props["Name"])
            check(logical, alias["FunctionVersion"] not in ("", "$LATEST"),
                  "alias %s of %s on version %s" % (props["Name"], function, alias["FunctionVersion"]))
            continue
        if logical not in physical:
            check(logical, False, "%s not in the stack" % kind)
            continue
        if kind == "AWS::Lambda::Function":
            got = lam.get_function_configuration(FunctionName=physical[logical])
            want_env = (props.get("Environment") or {}).get("Variables", {})
            got_env = (got.get("Environment") or {}).get("Variables", {})
            diffs = []
            for field in ("Handler", "Runtime", "MemorySize", "Timeout"):
                if str(got.get(field)) != str(props.get(field)):
                    diffs.append("%s %s != %s" % (field, got.get(field), props.get(field)))
            # moto's Lambda CloudFormation model passes on only Code, Handler, Role, Runtime, Description, MemorySize,
            # Publish, Timeout, VpcConfig, Environment and ReservedConcurrentExecutions: the rest is checked in the template
            dropped = {k: props[k] for k in ("Architectures", "SnapStart", "LoggingConfig") if k in props}
            if dropped.get("Architectures") not in (None, got.get("Architectures"), ["x86_64"]) \
                    and got.get("Architectures") != ["x86_64"]:
                diffs.append("Architectures %s != %s" % (got.get("Architectures"), props["Architectures"]))
            if sorted(got_env) != sorted(want_env):
                diffs.append("env names differ: missing %s extra %s"
                             % (sorted(set(want_env) - set(got_env)), sorted(set(got_env) - set(want_env))))
            for name, value in want_env.items():
                try:
                    want = resolve(value)
                except LookupError:
                    continue  # a condition (Fn::If) or an unresolvable attribute: the name is checked above
                if name in got_env and str(got_env[name]) != str(want):
                    diffs.append("env %s=%r != %r" % (name, got_env[name], want))
            if got.get("Role") != resolve(props["Role"]):
                diffs.append("role %s != %s" % (got.get("Role"), resolve(props["Role"])))
            check(logical, not diffs, "; ".join(diffs) or "%s %s %s MB %s s, %d env vars, role %s; (template) %s" % (
                got["Handler"], got["Runtime"], got["MemorySize"], got["Timeout"], len(got_env),
                got["Role"].rsplit("/", 1)[-1], json.dumps(dropped, default=str)[:90]))
        elif kind == "AWS::IAM::Role":
            name = physical[logical]
            role = iam.get_role(RoleName=name)["Role"]
            diffs = []
            trust = role["AssumeRolePolicyDocument"]
            trust = document(trust)
            if statements(trust, resolve) != statements(props["AssumeRolePolicyDocument"], resolve):
                diffs.append("trust policy differs")
            attached = {p["PolicyArn"] for p in iam.list_attached_role_policies(RoleName=name)["AttachedPolicies"]}
            if attached != set(props.get("ManagedPolicyArns", [])):
                diffs.append("managed %s != %s" % (sorted(attached), props.get("ManagedPolicyArns")))
            inline = iam.list_role_policies(RoleName=name)["PolicyNames"]
            actions = 0
            for policy in props.get("Policies", []):
                if policy["PolicyName"] not in inline:
                    diffs.append("policy %s missing" % policy["PolicyName"])
                    continue
                doc = iam.get_role_policy(RoleName=name, PolicyName=policy["PolicyName"])["PolicyDocument"]
                doc = document(doc)
                want, got = statements(policy["PolicyDocument"], resolve), statements(doc, resolve)
                actions += sum(len(s[1]) for s in want)
                if want != got:
                    diffs.append("policy %s: want %s got %s" % (policy["PolicyName"], sorted(want - got),
                                                                sorted(got - want)))
            if len(inline) != len(props.get("Policies", [])):
                diffs.append("%d inline policies, template has %d" % (len(inline), len(props.get("Policies", []))))
            check(logical, not diffs, "; ".join(diffs) or "role %s: %d inline policies, %d actions, managed %s" % (
                name, len(inline), actions, [a.rsplit("/", 1)[-1] for a in sorted(attached)]))
        elif kind == "AWS::Lambda::EventSourceMapping":
            want_source = resolve(props["EventSourceArn"])
            alias = props["FunctionName"]["Ref"]
            function = physical[resources[alias]["Properties"]["FunctionName"]["Ref"]]
            found = [m for m in lam.list_event_source_mappings(EventSourceArn=want_source)["EventSourceMappings"]
                     if function in m["FunctionArn"]]
            m = found[0] if found else {}
            ok = bool(found) and m.get("BatchSize") == props.get("BatchSize") \
                and sorted(m.get("FunctionResponseTypes", [])) == sorted(props.get("FunctionResponseTypes", []))
            check(logical, ok, "%s -> %s batch %s %s" % (want_source.rsplit(":", 1)[-1], m.get("FunctionArn"),
                                                        m.get("BatchSize"), m.get("FunctionResponseTypes")))
        elif kind == "AWS::Lambda::Permission":
            alias = props["FunctionName"].get("Ref") if isinstance(props["FunctionName"], dict) else None
            function = resources.get(alias, {}).get("Properties", {}).get("FunctionName", {}).get("Ref", alias)
            policy = json.loads(lam.get_policy(FunctionName=physical[function])["Policy"])
            ok = any(s.get("Action") == props["Action"] and props["Principal"] in json.dumps(s.get("Principal"))
                     for s in policy["Statement"])
            check(logical, ok, "%s %s for %s" % (props["Action"], props["Principal"], function))
        elif kind == "AWS::SNS::Topic":
            attrs = session.client("sns", endpoint_url=endpoint).get_topic_attributes(TopicArn=physical[logical])
            check(logical, "TopicArn" in attrs["Attributes"], "topic %s" % physical[logical])
        elif kind == "AWS::CloudWatch::Dashboard":
            cw = session.client("cloudwatch", endpoint_url=endpoint)
            body = json.loads(cw.get_dashboard(DashboardName=physical[logical])["DashboardBody"])
            want = json.loads(resolve(props["DashboardBody"]))
            titles = [w.get("properties", {}).get("title") for w in body.get("widgets", [])]
            check(logical, body == want, "dashboard %s: %d widgets %s" % (physical[logical], len(titles), titles[:4]))
        elif kind == "AWS::Lambda::Version":
            versions = lam.list_versions_by_function(FunctionName=physical[props["FunctionName"]["Ref"]])["Versions"]
            check(logical, any(v["Version"] != "$LATEST" for v in versions), "published version %s" % physical[logical])


def check_direct(full, direct, resolve, endpoint, session):
    """Resources deploy_moto.py created through their service API (moto's CloudFormation cannot), read back."""
    cw = session.client("cloudwatch", endpoint_url=endpoint)
    for logical, name in sorted(direct.items()):
        props = full["Resources"][logical]["Properties"]
        kind = full["Resources"][logical]["Type"]
        if kind == "AWS::ApiGatewayV2::Api":
            check_http_api(full, logical, name, resolve, session.client("apigatewayv2", endpoint_url=endpoint))
            continue
        if kind.startswith("AWS::Cognito::"):
            check_cognito(full, logical, name, direct, resolve, session.client("cognito-idp", endpoint_url=endpoint))
            continue
        if kind != "AWS::CloudWatch::Alarm":
            check_other(full, logical, name, resolve, lambda service: session.client(service, endpoint_url=endpoint))
            continue
        found = cw.describe_alarms(AlarmNames=[name])["MetricAlarms"]
        if not found:
            check(logical, False, "alarm %s not found" % name)
            continue
        got, want = found[0], resolve(props)
        diffs = []
        for field in ("Namespace", "MetricName", "Statistic", "Period", "EvaluationPeriods", "Threshold",
                      "ComparisonOperator", "TreatMissingData", "DatapointsToAlarm", "AlarmActions", "OKActions"):
            same = str(got.get(field)) == str(want.get(field)) or (field == "Threshold" and field in want
                                                                   and float(got.get(field)) == float(want[field]))
            if field in want and not same:
                diffs.append("%s %s != %s" % (field, got.get(field), want[field]))
        if "Dimensions" in want and sorted((d["Name"], d["Value"]) for d in got.get("Dimensions", [])) \
                != sorted((d["Name"], str(d["Value"])) for d in want["Dimensions"]):
            diffs.append("dimensions %s != %s" % (got.get("Dimensions"), want["Dimensions"]))
        if "Metrics" in want and [m["Id"] for m in got.get("Metrics", [])] != [m["Id"] for m in want["Metrics"]]:
            diffs.append("metrics %s" % [m["Id"] for m in got.get("Metrics", [])])
        metric = got.get("MetricName") or "+".join(m["Id"] for m in got.get("Metrics", []))
        check(logical, not diffs, "; ".join(diffs) or "alarm %s: %s %s %s %s -> %s" % (
            name, got.get("Namespace", "math"), metric, got["ComparisonOperator"], got["Threshold"],
            [a.rsplit(":", 1)[-1] for a in got.get("AlarmActions", [])]))


def check_other(full, logical, name, resolve, client):
    res = full["Resources"][logical]
    kind = res["Type"]
    if kind == "AWS::Scheduler::Schedule":
        got = client("scheduler").get_schedule(Name=name)
        target = res["Properties"]["Target"]
        function = resolve(full["Resources"][target["Arn"]["Ref"]]["Properties"]["FunctionName"])
        want = resolve({k: v for k, v in res["Properties"].items() if k != "Target"})
        ok = got["ScheduleExpression"] == want["ScheduleExpression"] \
            and got.get("ScheduleExpressionTimezone", "UTC") == want.get("ScheduleExpressionTimezone", "UTC") \
            and got["Target"]["Arn"].endswith(":%s:live" % function) \
            and got["Target"]["RoleArn"] == resolve(target["RoleArn"]) and got["Target"].get("Input") == target.get("Input")
        check(logical, ok, "schedule %s %s %s -> %s (role %s)" % (name, got["ScheduleExpression"],
              got.get("ScheduleExpressionTimezone"), got["Target"]["Arn"].rsplit(":", 2)[-2:],
              got["Target"]["RoleArn"].rsplit("/", 1)[-1]))
    elif kind == "AWS::Glue::Database":
        got = client("glue").get_database(Name=name)["Database"]
        check(logical, got["Name"] == name, "Glue database %s" % name)
    elif kind == "AWS::Glue::Table":
        want = resolve(res["Properties"])
        got = client("glue").get_table(DatabaseName=want["DatabaseName"], Name=name)["Table"]
        cols = [c["Name"] for c in got.get("StorageDescriptor", {}).get("Columns", [])]
        want_cols = [c["Name"] for c in want["TableInput"].get("StorageDescriptor", {}).get("Columns", [])]
        location = got.get("StorageDescriptor", {}).get("Location")
        ok = cols == want_cols and location == want["TableInput"].get("StorageDescriptor", {}).get("Location") \
            and got.get("Parameters", {}) == want["TableInput"].get("Parameters", {})
        check(logical, ok, "Glue table %s.%s: %d columns, %s" % (want["DatabaseName"], name, len(cols), location))
    elif kind == "AWS::Athena::WorkGroup":
        got = client("athena").get_work_group(WorkGroup=name)["WorkGroup"]
        want = resolve(res["Properties"]).get("WorkGroupConfiguration", {})
        out = got.get("Configuration", {}).get("ResultConfiguration", {}).get("OutputLocation")
        ok = out == want.get("ResultConfiguration", {}).get("OutputLocation")
        check(logical, ok, "Athena workgroup %s, results in %s" % (name, out))
    elif kind == "AWS::S3::BucketPolicy":
        got = json.loads(client("s3").get_bucket_policy(Bucket=name)["Policy"])
        want = resolve(res["Properties"]["PolicyDocument"])
        ok = statements(got, lambda v: v) == statements(want, lambda v: v)
        check(logical, ok, "bucket policy on %s: %s" % (name, [st.get("Sid") for st in as_list(got["Statement"])]))
    elif kind == "AWS::SNS::Subscription":
        want = resolve(res["Properties"])
        subs = client("sns").list_subscriptions_by_topic(TopicArn=want["TopicArn"])["Subscriptions"]
        ok = any(x["SubscriptionArn"] == name and x["Protocol"] == want["Protocol"] and x["Endpoint"] == want["Endpoint"]
                 for x in subs)
        check(logical, ok, "%s subscription to %s" % (want["Protocol"], want["TopicArn"].rsplit(":", 1)[-1]))
    elif kind == "AWS::CloudFront::OriginAccessControl":
        got = client("cloudfront").get_origin_access_control(Id=name)["OriginAccessControl"]["OriginAccessControlConfig"]
        want = resolve(res["Properties"])["OriginAccessControlConfig"]
        ok = all(got.get(k) == v for k, v in want.items())
        check(logical, ok, "origin access control %s %s %s" % (got.get("Name"), got.get("OriginAccessControlOriginType"),
                                                                 got.get("SigningBehavior")))
    else:
        check(logical, False, "no read-back for %s" % kind)


def check_cognito(full, logical, physical_id, direct, resolve, idp):
    res = full["Resources"][logical]
    want = resolve(res["Properties"])
    if res["Type"] == "AWS::Cognito::UserPool":
        pool = idp.describe_user_pool(UserPoolId=physical_id)["UserPool"]
        attrs = {a["Name"] for a in pool.get("SchemaAttributes", [])}
        missing = ["custom:" + a["Name"] for a in want.get("Schema", []) if "custom:" + a["Name"] not in attrs]
        pw = pool.get("Policies", {}).get("PasswordPolicy", {})
        ok = pool["Name"] == want["UserPoolName"] and not missing \
            and pw.get("MinimumLength") == want["Policies"]["PasswordPolicy"]["MinimumLength"] \
            and pool.get("AdminCreateUserConfig", {}).get("AllowAdminCreateUserOnly") \
            == want.get("AdminCreateUserConfig", {}).get("AllowAdminCreateUserOnly")
        check(logical, ok, "user pool %s: %d custom attributes%s, password >= %s, admin-created users only %s" % (
            pool["Name"], len(want.get("Schema", [])), (" missing " + str(missing)) if missing else "",
            pw.get("MinimumLength"), pool.get("AdminCreateUserConfig", {}).get("AllowAdminCreateUserOnly")))
    else:
        client = idp.describe_user_pool_client(UserPoolId=want["UserPoolId"], ClientId=physical_id)["UserPoolClient"]
        diffs = ["%s %s != %s" % (k, client.get(k), want[k]) for k in
                 ("ClientName", "ExplicitAuthFlows", "ReadAttributes", "PreventUserExistenceErrors") if
                 k in want and sorted(as_list(client.get(k) or [])) != sorted(as_list(want[k]))]
        check(logical, not diffs, "; ".join(diffs) or "client %s of pool %s, flows %s" % (
            client["ClientName"], want["UserPoolId"], client.get("ExplicitAuthFlows")))


def check_http_api(full, logical, api_id, resolve, api):
    body = full["Resources"][logical]["Properties"]["Body"]
    routes = api.get_routes(ApiId=api_id, MaxResults="500")["Items"]
    # moto implements GetAuthorizer and GetIntegration, not their list forms: read the ones the routes name
    authorizers = {i: api.get_authorizer(ApiId=api_id, AuthorizerId=i)
                   for i in {r["AuthorizerId"] for r in routes if r.get("AuthorizerId")}}
    integrations = {i: api.get_integration(ApiId=api_id, IntegrationId=i)
                    for i in {r["Target"].split("/", 1)[1] for r in routes if r.get("Target")}}
    got = {}
    for r in routes:
        auth = authorizers.get(r.get("AuthorizerId"), {}).get("Name") if r.get("AuthorizationType") == "JWT" else None
        uri = integrations.get(r.get("Target", "/").split("/", 1)[1], {}).get("IntegrationUri")
        got[r["RouteKey"]] = (auth, uri)
    want = {}
    for path, methods in body["paths"].items():
        for method, op in methods.items():
            security = [k for s in op.get("security", []) for k in s if k != "NONE"]
            want["%s %s" % (method.upper(), path)] = (security[0] if security else None,
                                                     resolve(op["x-amazon-apigateway-integration"]["uri"]))
    diffs = ["%s: %s != %s" % (k, got.get(k), v) for k, v in sorted(want.items()) if got.get(k) != v]
    diffs += ["extra route %s" % k for k in sorted(set(got) - set(want))]
    check(logical, not diffs, "; ".join(diffs) or "HTTP API %s: %d routes read back, each on its integration and "
          "authorizer (%d with JWT)" % (api_id, len(got), sum(1 for a, _ in got.values() if a)))
    for name, scheme in body.get("components", {}).get("securitySchemes", {}).items():
        spec = scheme["x-amazon-apigateway-authorizer"]
        conf = resolve(spec["jwtConfiguration"])
        found = [a for a in authorizers.values() if a["Name"] == name]
        a = found[0] if found else {}
        jwt = a.get("JwtConfiguration", {})
        ok = a.get("AuthorizerType") == "JWT" and jwt.get("Issuer") == conf["issuer"] \
            and jwt.get("Audience") == [str(x) for x in conf["audience"]] \
            and a.get("IdentitySource") == [spec["identitySource"]]
        check(logical + "." + name, ok, "JWT authorizer issuer %s audience %s" % (jwt.get("Issuer"), jwt.get("Audience")))
    for stage_id, res in full["Resources"].items():
        if res["Type"] == "AWS::ApiGatewayV2::Stage" and res["Properties"].get("ApiId") == {"Ref": logical}:
            props = resolve(res["Properties"])
            stage = api.get_stage(ApiId=api_id, StageName=props["StageName"])
            d, w = stage.get("DefaultRouteSettings", {}), props.get("DefaultRouteSettings", {})
            ok = all(float(d.get(k, -1)) == float(v) for k, v in w.items()) \
                and sorted(stage.get("RouteSettings", {})) == sorted(props.get("RouteSettings", {}))
            check(stage_id, ok, "stage %s throttling %s, per route %s" % (
                props["StageName"], {k: d.get(k) for k in w}, sorted(stage.get("RouteSettings", {}))))


def routes_of(template):
    """(METHOD, path, authorizer or None) for every HttpApi event of template.yaml."""
    default = ((template.get("Resources", {}).get("Api", {}).get("Properties", {}).get("Auth") or {})
               .get("DefaultAuthorizer"))
    out = []
    for logical, res in template.get("Resources", {}).items():
        if res.get("Type") != "AWS::Serverless::Function":
            continue
        for event in (res["Properties"].get("Events") or {}).values():
            if event.get("Type") == "HttpApi":
                p = event["Properties"]
                auth = (p.get("Auth") or {}).get("Authorizer", default)
                out.append((logical, p["Method"].lower(), p["Path"], None if auth == "NONE" else auth))
    return out


def check_template_only(template, full, physical, not_deployed):
    resources = full["Resources"]
    known = set(resources) | set(full.get("Parameters", {}))

    def refs_ok(res):
        missing = [r for r in cfn_template.refs(res) if r not in known and not r.startswith("AWS::")]
        return missing

    for logical, reason in sorted(not_deployed.items()):
        res = resources[logical]
        kind, props = res["Type"], res.get("Properties", {})
        missing = refs_ok(res)
        tag = "(template) "
        if kind == "AWS::ApiGatewayV2::Api":
            body = props["Body"]
            schemes = body.get("components", {}).get("securitySchemes", {})
            diffs = []
            for function, method, path, auth in routes_of(template):
                op = body["paths"].get(path, {}).get(method)
                if op is None:
                    diffs.append("route %s %s missing" % (method.upper(), path))
                    continue
                uri = json.dumps(op.get("x-amazon-apigateway-integration", {}).get("uri"))
                if "${%sAliaslive}" % function not in uri:
                    diffs.append("%s %s not integrated with %s:live" % (method.upper(), path, function))
                security = [k for s in op.get("security", []) for k in s if k != "NONE"]
                if (auth and security != [auth]) or (not auth and security):
                    diffs.append("%s %s security %s, want %s" % (method.upper(), path, security, auth))
            count = sum(len(v) for v in body["paths"].values())
            if count != len(routes_of(template)):
                diffs.append("%d routes in the API, %d in template.yaml" % (count, len(routes_of(template))))
            check(logical, not diffs and not missing, tag + ("; ".join(diffs) or "%d routes, each on its function's "
                  "alias, authorizers %s" % (count, sorted(schemes))))
            for name, scheme in schemes.items():
                jwt = scheme.get("x-amazon-apigateway-authorizer", {})
                conf = jwt.get("jwtConfiguration", {})
                ok = jwt.get("type") == "jwt" and conf.get("issuer") and conf.get("audience") \
                    and jwt.get("identitySource") == "$request.header.Authorization"
                check(logical + "." + name, bool(ok), tag + "JWT authorizer, issuer %s, audience %s"
                      % (json.dumps(conf.get("issuer"))[:80], json.dumps(conf.get("audience"))[:60]))
        elif kind == "AWS::ApiGatewayV2::Stage":
            d = props.get("DefaultRouteSettings", {})
            ok = props.get("ApiId") == {"Ref": "Api"} and "ThrottlingRateLimit" in d and "ThrottlingBurstLimit" in d
            check(logical, ok and not missing, tag + "stage on Api, throttling %s, tighter on %s"
                  % (d, sorted(props.get("RouteSettings", {}))))
        elif kind == "AWS::CloudWatch::Alarm":
            metric = props.get("MetricName") or [m.get("MetricStat", {}).get("Metric", {}).get("MetricName")
                                                 for m in props.get("Metrics", [])]
            actions = props.get("AlarmActions", [])
            ok = bool(metric) and {"Ref": "AlarmTopic"} in actions and "AlarmTopic" in physical \
                and props.get("ComparisonOperator") and props.get("EvaluationPeriods")
            dims = [d["Value"] for d in props.get("Dimensions", [])]
            dims_ok = all(not isinstance(v, dict) or set(cfn_template.refs(v)) <= set(physical) | known for v in dims)
            check(logical, bool(ok) and dims_ok and not missing,
                  tag + "%s %s -> AlarmTopic" % (props.get("Namespace", "metric math"), metric))
        elif kind == "AWS::Scheduler::Schedule":
            target = props.get("Target", {})
            alias = target.get("Arn", {}).get("Ref")
            role = target.get("RoleArn", {}).get("Fn::GetAtt", [None])[0]
            function = resources.get(alias, {}).get("Properties", {}).get("FunctionName", {}).get("Ref")
            ok = function in physical and role in physical and props.get("ScheduleExpression")
            check(logical, bool(ok) and not missing, tag + "%s %s -> %s:live (role %s deployed)" % (
                props.get("ScheduleExpression"), props.get("ScheduleExpressionTimezone", "UTC"), function, role))
        elif kind == "AWS::CloudFront::Distribution":
            config = props["DistributionConfig"]
            origins = {o["Id"]: o for o in config.get("Origins", [])}
            behaviors = [config["DefaultCacheBehavior"]] + config.get("CacheBehaviors", [])
            web, api = origins.get("web", {}), origins.get("api", {})
            ok = "OriginAccessControlId" in web and "Api" in cfn_template.refs(api) \
                and all(b.get("TargetOriginId") in origins and b.get("ViewerProtocolPolicy") != "allow-all"
                        for b in behaviors) \
                and config["DefaultCacheBehavior"].get("FunctionAssociations") \
                and config["DefaultCacheBehavior"].get("ResponseHeadersPolicyId")
            check(logical, bool(ok) and not missing, tag + "origins %s (web through its access control, api on Api), "
                  "behaviours %s, HTTPS only" % (sorted(origins), [b.get("PathPattern", "default") for b in behaviors]))
        else:
            named = sorted(r for r in cfn_template.refs(res) if r in resources)
            check(logical, not missing, tag + "%s declared; names %s%s" % (
                kind, named[:4], ("; unknown " + str(missing)) if missing else ""))


def main(template_path, stack, out_dir):
    with open(os.path.join(out_dir, "full.json"), encoding="utf-8") as f:
        full = json.load(f)
    with open(os.path.join(out_dir, "not-deployed.json"), encoding="utf-8") as f:
        not_deployed = json.load(f)
    template = cfn_template.load(template_path)
    endpoint = os.environ.get("AWS_ENDPOINT_URL") or None
    session = boto3.session.Session()
    cfn = session.client("cloudformation", endpoint_url=endpoint)
    physical = {}
    for page in cfn.get_paginator("list_stack_resources").paginate(StackName=stack):
        for r in page["StackResourceSummaries"]:
            physical[r["LogicalResourceId"]] = r["PhysicalResourceId"]
    stack_info = cfn.describe_stacks(StackName=stack)["Stacks"][0]
    params = {p["ParameterKey"]: p["ParameterValue"] for p in stack_info.get("Parameters", [])}
    for name, p in full.get("Parameters", {}).items():
        params.setdefault(name, str(p.get("Default", "")))

    print("== data resources (check_deployed.py)")
    data_failed = check_deployed.main(template_path, stack)
    print("== functions, roles, mappings, permissions, topic, dashboard (read back from the endpoint)")
    resolve = Resolver(session, endpoint, physical, params, full["Resources"], full.get("Conditions"))
    check_deployed_resources(full, physical, resolve, endpoint, session)
    direct_path = os.path.join(out_dir, "direct.json")
    if os.path.exists(direct_path):
        with open(direct_path, encoding="utf-8") as f:
            direct = json.load(f)
        print("== resources created through their service API (moto's CloudFormation cannot), read back")
        resolve = Resolver(session, endpoint, dict(physical, **direct), params, full["Resources"], full.get("Conditions"))
        check_direct(full, direct, resolve, endpoint, session)
    print("== resources moto cannot create, checked in the translated template")
    also = {k: "" for k, v in full["Resources"].items() if v["Type"] in ("AWS::ApiGatewayV2::Api", "AWS::ApiGatewayV2::Stage")}
    check_template_only(template, full, physical, dict(also, **not_deployed))
    print("%d passed, %d failed (plus the data check above)" % (len(passed), len(failed)))
    return 1 if failed or data_failed else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
