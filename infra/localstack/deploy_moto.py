#!/usr/bin/env python3
"""The whole of template.yaml into moto: SAM transform expanded offline (sam_translate.py), function zips uploaded,
then one plain CloudFormation stack of every resource type moto's CloudFormation can create.

  python3 deploy_moto.py TEMPLATE STACK OUT_DIR [ZIP_ROOT]

Writes OUT_DIR/full.json (the translated template, as AWS would deploy it), OUT_DIR/moto.json (the stack sent to
moto), OUT_DIR/direct.json and OUT_DIR/not-deployed.json ({LogicalId: "Type: reason"}: what check_full.py checks
in full.json instead).
Zips are read from ZIP_ROOT/functions/<name>/target/<name>.zip; a missing one is replaced by a placeholder zip
(moto stores code, it does not run Java), and said so.

moto (5.x) skips a resource type without a CloudFormation model with only a warning, and a Ref to a skipped
resource resolves to nothing: a Lambda::Permission naming an Alias then fails the whole CreateStack with
KeyError 'FunctionName' (HTTP 500). So the resources of types moto has no model for are taken out of the stack
(the Refs to them rewritten: an alias to its function, anything else to the literal "moto-skipped-<Id>") and
created afterwards through their service APIs where moto has one, in dependency order: aliases, user pool and
client, the HTTP API (authorizer, routes, integrations, stage), alarms, schedules, Glue, Athena, bucket policy,
e-mail subscription, origin access control (OUT_DIR/direct.json: LogicalId -> id). What remains (CloudFront
functions, cache and response headers policies, the distribution naming them, the web bucket policy naming it)
is listed in OUT_DIR/not-deployed.json with the reason. moto's CloudFormation also drops a role's
ManagedPolicyArns (attached here through IAM; the server needs MOTO_IAM_LOAD_MANAGED_POLICIES=true) and a table's
TimeToLiveSpecification (switched on here).
"""
import base64
import collections
import io
import json
import os
import re
import sys
import time
import zipfile

import boto3

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cfn_template  # noqa: E402
import sam_translate  # noqa: E402

# AlarmEmail set so that the e-mail subscription (condition HasAlarmEmail) is deployed and checked too
PARAMETERS = {"Stage": "ci", "JwtIssuer": "https://issuer.invalid/movepass-ci", "AlarmEmail": "ops@example.invalid"}
SECRETS = ("PassSigningSeed", "ScanKey", "PageTokenKey", "ExportPseudonymSecret", "HealthListSecret")


def moto_types():
    from moto.cloudformation import parsing
    return set(parsing.get_model_map())


NO_API = {  # moto 5.x, neither a CloudFormation model nor an API for these
    "AWS::CloudFront::Function": "moto's CloudFront has no CreateFunction",
    "AWS::CloudFront::CachePolicy": "moto's CloudFront has no CreateCachePolicy",
    "AWS::CloudFront::ResponseHeadersPolicy": "moto's CloudFront has no CreateResponseHeadersPolicy",
    "AWS::CloudFront::Distribution": "its config names a CloudFront Function, a cache policy and a response headers "
                                     "policy, which moto cannot create (its CreateDistribution exists)",
}


def rewrite(value, skipped, alias_of):
    """value with every Ref / GetAtt / ${} naming a skipped resource replaced (aliases by their function)."""
    if isinstance(value, dict):
        if set(value) == {"Ref"} and value["Ref"] in skipped:
            name = value["Ref"]
            return {"Ref": alias_of[name]} if name in alias_of else "moto-skipped-" + name
        if set(value) == {"Fn::GetAtt"} and value["Fn::GetAtt"][0] in skipped:
            return "moto-skipped-" + value["Fn::GetAtt"][0]
        if set(value) == {"Fn::Sub"}:
            sub = value["Fn::Sub"]
            text, variables = (sub[0], sub[1]) if isinstance(sub, list) else (sub, {})

            def swap(m):
                name = m.group(1).split(".", 1)[0]
                if name in skipped and name not in variables:
                    return "${%s}" % alias_of[name] if name in alias_of and "." not in m.group(1) \
                        else "moto-skipped-" + name
                return m.group(0)

            text = re.sub(r"\$\{([^}!][^}]*)}", swap, text)
            return {"Fn::Sub": [text, rewrite(variables, skipped, alias_of)] if variables else text}
        return {k: rewrite(v, skipped, alias_of) for k, v in value.items()}
    if isinstance(value, list):
        return [rewrite(v, skipped, alias_of) for v in value]
    return value


def placeholder_zip():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("README", "placeholder: the function was not built (mvn -DskipTests package)\n")
    return buf.getvalue()


def main(template_path, stack, out_dir, zip_root):
    os.makedirs(out_dir, exist_ok=True)
    session = boto3.session.Session()
    endpoint = os.environ.get("AWS_ENDPOINT_URL") or None
    s3 = session.client("s3", endpoint_url=endpoint)
    cfn = session.client("cloudformation", endpoint_url=endpoint)
    lam = session.client("lambda", endpoint_url=endpoint)
    bucket = "%s-artifacts" % stack

    started = time.time()
    full, uploads = sam_translate.translate(cfn_template.load(template_path), bucket, stack)
    with open(os.path.join(out_dir, "full.json"), "w", encoding="utf-8") as f:
        json.dump(full, f, indent=1, default=str)

    if session.region_name == "us-east-1":
        s3.create_bucket(Bucket=bucket)
    else:
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": session.region_name})
    placeholders = []
    for logical, uri, key in uploads:
        path = os.path.join(zip_root, uri)
        if os.path.isfile(path):
            s3.upload_file(path, bucket, key)
        else:
            s3.put_object(Bucket=bucket, Key=key, Body=placeholder_zip())
            placeholders.append(logical)
    print("== %d function zips uploaded to s3://%s/%s/ (%d built, %d placeholders%s)"
          % (len(uploads), bucket, stack, len(uploads) - len(placeholders), len(placeholders),
             ": run mvn -DskipTests package for the real ones" if placeholders else ""))

    supported = moto_types()
    resources = full["Resources"]
    skipped = {k: v["Type"] for k, v in resources.items() if v["Type"] not in supported}
    alias_of = {k: v["Properties"]["FunctionName"]["Ref"] for k, v in resources.items()
                if v["Type"] == "AWS::Lambda::Alias"}
    sent = dict(full)
    sent["Resources"] = {k: rewrite(v, skipped, alias_of) for k, v in resources.items() if k not in skipped}
    sent.pop("Outputs", None)  # outputs name the API, the CDN and the user pool, which moto does not create
    with open(os.path.join(out_dir, "moto.json"), "w", encoding="utf-8") as f:
        json.dump(sent, f, indent=1, default=str)
    reason = "moto %s CloudFormation has no model for this type (CreateStack warns " \
             "\"Tried to parse %%s but it's not supported by moto's CloudFormation implementation\" and skips it)" \
             % _moto_version()
    not_deployed = {k: "%s: %s" % (t, reason % t) for k, t in skipped.items()}
    with open(os.path.join(out_dir, "not-deployed.json"), "w", encoding="utf-8") as f:
        json.dump(not_deployed, f, indent=1)

        import secrets
    params = dict(PARAMETERS)
    params.update({s: base64.b64encode(secrets.token_bytes(32)).decode() for s in SECRETS})
    declared = full.get("Parameters", {})
    cfn.create_stack(StackName=stack, TemplateBody=json.dumps(sent, default=str),
                     Parameters=[{"ParameterKey": k, "ParameterValue": v} for k, v in params.items() if k in declared],
                     Capabilities=["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"])
    while True:
        st = cfn.describe_stacks(StackName=stack)["Stacks"][0]
        if not st["StackStatus"].endswith("IN_PROGRESS"):
            break
        time.sleep(0.5)
    print("== stack %s: %s (%d resources sent, %.1f s)" % (stack, st["StackStatus"], len(sent["Resources"]),
                                                         time.time() - started))
    if st["StackStatus"] != "CREATE_COMPLETE":
        print(st.get("StackStatusReason"), file=sys.stderr)
        return 1

    physical = {}
    for page in cfn.get_paginator("list_stack_resources").paginate(StackName=stack):
        for r in page["StackResourceSummaries"]:
            physical[r["LogicalResourceId"]] = r["PhysicalResourceId"]
    for alias, function in alias_of.items():
        props = resources[alias]["Properties"]
        versions = [v["Version"] for v in lam.list_versions_by_function(FunctionName=physical[function])["Versions"]
                    if v["Version"] != "$LATEST"]
        version = versions[-1] if versions else lam.publish_version(FunctionName=physical[function])["Version"]
        lam.create_alias(FunctionName=physical[function], Name=props["Name"], FunctionVersion=version)
        del not_deployed[alias]
    # What moto's CloudFormation skips but its service API creates: the alarms, through PutMetricAlarm
    import check_full
    params_all = {k: str(v.get("Default", "")) for k, v in declared.items()}
    params_all.update({k: v for k, v in params.items() if k in declared})
    resolve = check_full.Resolver(session, endpoint, physical, params_all, resources, full.get("Conditions"))
    cw = session.client("cloudwatch", endpoint_url=endpoint)
    direct = {}
    # in dependency order: the user pool and its client (the authorizer's issuer and audience), the API, the alarms
    # (one names the API); a Ref to each then resolves to its id, as in CloudFormation
    resolve.physical = dict(physical)
    idp = session.client("cognito-idp", endpoint_url=endpoint)
    glue = session.client("glue", endpoint_url=endpoint)
    for kind in ("AWS::Cognito::UserPool", "AWS::Cognito::UserPoolClient", "AWS::ApiGatewayV2::Api",
                 "AWS::CloudWatch::Alarm", "AWS::Scheduler::Schedule", "AWS::Glue::Database", "AWS::Glue::Table",
                 "AWS::Athena::WorkGroup", "AWS::S3::BucketPolicy", "AWS::SNS::Subscription",
                 "AWS::CloudFront::OriginAccessControl"):
        for logical, res in resources.items():
            if res["Type"] != kind or logical not in not_deployed:
                continue
            if kind == "AWS::Cognito::UserPool":
                props = resolve(res["Properties"])
                props["PoolName"] = props.pop("UserPoolName")
                props.pop("EnabledMfas", None)  # SetUserPoolMfaConfig, not CreateUserPool; checked in the template
                direct[logical] = idp.create_user_pool(**props)["UserPool"]["Id"]
            elif kind == "AWS::Cognito::UserPoolClient":
                direct[logical] = idp.create_user_pool_client(**resolve(res["Properties"]))["UserPoolClient"]["ClientId"]
            elif kind == "AWS::ApiGatewayV2::Api":
                direct[logical] = create_http_api(session.client("apigatewayv2", endpoint_url=endpoint), stack,
                                                  logical, res["Properties"]["Body"], resources, not_deployed, resolve)
            elif kind == "AWS::CloudWatch::Alarm":
                direct[logical] = "%s-%s" % (stack, logical)
                cw.put_metric_alarm(AlarmName=direct[logical], **resolve(res["Properties"]))
            elif kind == "AWS::Scheduler::Schedule":
                target = res["Properties"]["Target"]
                alias = resources[target["Arn"]["Ref"]]["Properties"]
                props = resolve(res["Properties"])
                function = lam.get_function(FunctionName=resolve(alias["FunctionName"]))["Configuration"]["FunctionArn"]
                props["Target"]["Arn"] = "%s:%s" % (function, alias["Name"])  # a Ref to an alias is its ARN
                session.client("scheduler", endpoint_url=endpoint).create_schedule(**props)
                direct[logical] = props["Name"]
            elif kind == "AWS::Glue::Database":
                props = resolve(res["Properties"])
                glue.create_database(**props)
                direct[logical] = props["DatabaseInput"]["Name"]
            elif kind == "AWS::Glue::Table":
                props = resolve(res["Properties"])
                glue.create_table(**props)
                direct[logical] = props["TableInput"]["Name"]
            elif kind == "AWS::Athena::WorkGroup":
                props = resolve(res["Properties"])
                session.client("athena", endpoint_url=endpoint).create_work_group(
                    Name=props["Name"], Description=props.get("Description", ""),
                    Configuration=props.get("WorkGroupConfiguration", {}))
                direct[logical] = props["Name"]
            elif kind == "AWS::SNS::Subscription":
                if res.get("Condition") and not resolve.condition(res["Condition"]):
                    continue
                props = resolve(res["Properties"])
                direct[logical] = session.client("sns", endpoint_url=endpoint).subscribe(
                    TopicArn=props["TopicArn"], Protocol=props["Protocol"], Endpoint=props["Endpoint"],
                    ReturnSubscriptionArn=True)["SubscriptionArn"]
            elif kind == "AWS::CloudFront::OriginAccessControl":
                props = resolve(res["Properties"])
                direct[logical] = session.client("cloudfront", endpoint_url=endpoint).create_origin_access_control(
                    OriginAccessControlConfig=props["OriginAccessControlConfig"])["OriginAccessControl"]["Id"]
            else:
                absent = sorted(r for r in cfn_template.refs(res) if r in not_deployed and r != logical)
                if absent:  # the web bucket's policy names the CDN distribution
                    print("note: %s not created: it names %s, which moto cannot create" % (logical, absent))
                    continue
                props = resolve(res["Properties"])
                s3.put_bucket_policy(Bucket=props["Bucket"], Policy=json.dumps(props["PolicyDocument"]))
                direct[logical] = props["Bucket"]
            resolve.physical[logical] = direct[logical]
            del not_deployed[logical]
    for logical in not_deployed:
        kind = resources[logical]["Type"]
        if kind in NO_API:
            not_deployed[logical] = "%s: %s" % (kind, NO_API[kind])
        elif kind == "AWS::S3::BucketPolicy":
            not_deployed[logical] = "%s: names the CloudFront distribution, which moto cannot create" % kind
    print("== created through their service APIs: %s" % ", ".join(
        "%d %s" % (n, t) for t, n in sorted(collections.Counter(resources[k]["Type"] for k in direct).items())))
    with open(os.path.join(out_dir, "direct.json"), "w", encoding="utf-8") as f:
        json.dump(direct, f, indent=1)
    with open(os.path.join(out_dir, "not-deployed.json"), "w", encoding="utf-8") as f:
        json.dump(not_deployed, f, indent=1)
    iam = session.client("iam", endpoint_url=endpoint)
    attached = 0
    for logical, res in resources.items():  # moto's IAM Role model creates the role and its inline policies only
        if res["Type"] == "AWS::IAM::Role":
            for arn in res["Properties"].get("ManagedPolicyArns", []):
                iam.attach_role_policy(RoleName=physical[logical], PolicyArn=arn)
                attached += 1
    print("== %d managed policies attached through the IAM API (moto's CloudFormation drops ManagedPolicyArns)"
          % attached)
    ddb = session.client("dynamodb", endpoint_url=endpoint)
    ttl = 0
    for logical, res in resources.items():  # moto's CloudFormation ignores TimeToLiveSpecification (as in deploy.sh)
        spec = (res.get("Properties") or {}).get("TimeToLiveSpecification") or {}
        if res["Type"] == "AWS::DynamoDB::Table" and str(spec.get("Enabled")).lower() == "true":
            ddb.update_time_to_live(TableName=physical[logical],
                                    TimeToLiveSpecification={"Enabled": True, "AttributeName": spec["AttributeName"]})
            ttl += 1
    print("== TTL switched on for %d tables (moto's CloudFormation does not apply TimeToLiveSpecification)" % ttl)
    print("== %d aliases created through the Lambda API; %d resources moto cannot create, checked in the template:"
          % (len(alias_of), len(not_deployed)))
    by_type = {}
    for k in not_deployed:
        by_type.setdefault(skipped[k], []).append(k)
    for t, ids in sorted(by_type.items()):
        print("   %-38s %d  %s" % (t, len(ids), not_deployed[ids[0]].split(": ", 1)[1][:100]))
    return 0


def create_http_api(api, stack, logical, body, resources, not_deployed, resolve):
    """Creates the API of a SAM HttpApi's OpenAPI body route by route; returns its id. Its stages too."""
    api_id = api.create_api(Name="%s-%s" % (stack, logical), ProtocolType="HTTP")["ApiId"]
    authorizers = {}
    for name, scheme in body.get("components", {}).get("securitySchemes", {}).items():
        spec = scheme["x-amazon-apigateway-authorizer"]
        conf = resolve(spec["jwtConfiguration"])
        authorizers[name] = api.create_authorizer(
            ApiId=api_id, Name=name, AuthorizerType="JWT", IdentitySource=[spec["identitySource"]],
            JwtConfiguration={"Issuer": conf["issuer"], "Audience": [str(a) for a in conf["audience"]]})["AuthorizerId"]
    routes = 0
    for path, methods in body["paths"].items():
        for method, op in methods.items():
            integration = op["x-amazon-apigateway-integration"]
            integration_id = api.create_integration(
                ApiId=api_id, IntegrationType="AWS_PROXY", IntegrationMethod=integration["httpMethod"],
                IntegrationUri=resolve(integration["uri"]),
                PayloadFormatVersion=integration["payloadFormatVersion"])["IntegrationId"]
            security = [k for s in op.get("security", []) for k in s if k != "NONE"]
            extra = {"AuthorizationType": "JWT", "AuthorizerId": authorizers[security[0]]} if security \
                else {"AuthorizationType": "NONE"}
            api.create_route(ApiId=api_id, RouteKey="%s %s" % (method.upper(), path),
                             Target="integrations/" + integration_id, **extra)
            routes += 1
    stages = 0
    for stage_id, res in list(resources.items()):
        props = res.get("Properties", {})
        if res["Type"] == "AWS::ApiGatewayV2::Stage" and props.get("ApiId") == {"Ref": logical} \
                and stage_id in not_deployed:
            settings = resolve(props)

            def typed(route):  # parameters resolve to strings; the API takes numbers
                return {k: (int(v) if k == "ThrottlingBurstLimit" else float(v)) if k.startswith("Throttling") else v
                        for k, v in route.items()}

            settings["DefaultRouteSettings"] = typed(settings.get("DefaultRouteSettings", {}))
            settings["RouteSettings"] = {k: typed(v) for k, v in settings.get("RouteSettings", {}).items()}
            api.create_stage(ApiId=api_id, StageName=settings["StageName"], AutoDeploy=settings.get("AutoDeploy", False),
                             DefaultRouteSettings=settings.get("DefaultRouteSettings", {}),
                             RouteSettings=settings.get("RouteSettings", {}))
            del not_deployed[stage_id]
            stages += 1
    print("== HTTP API %s created through the API Gateway v2 API: %d authorizers, %d routes, %d stages"
          % (api_id, len(authorizers), routes, stages))
    return api_id


def _moto_version():
    import moto
    return moto.__version__


if __name__ == "__main__":
    if len(sys.argv) not in (4, 5):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) == 5 else "."))
