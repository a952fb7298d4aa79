#!/usr/bin/env python3
"""After deploy.sh: every table (with its TTL), queue (with its DLQ), bucket and log group of template.yaml
exists in the stack, as the template describes it.

  python3 check_deployed.py TEMPLATE STACK_NAME

Talks to AWS_ENDPOINT_URL (or AWS) through boto3. Prints one line per resource and
"N passed, N failed" at the end; exits 1 when anything is missing or different.
"""
import os
import sys

import boto3

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cfn_template  # noqa: E402


def main(template_path, stack):
    template = cfn_template.load(template_path)
    endpoint = os.environ.get("AWS_ENDPOINT_URL") or None
    session = boto3.session.Session()
    cfn = session.client("cloudformation", endpoint_url=endpoint)
    ddb = session.client("dynamodb", endpoint_url=endpoint)
    sqs = session.client("sqs", endpoint_url=endpoint)
    s3 = session.client("s3", endpoint_url=endpoint)
    logs = session.client("logs", endpoint_url=endpoint)

    physical = {}
    for page in cfn.get_paginator("list_stack_resources").paginate(StackName=stack):
        for r in page["StackResourceSummaries"]:
            physical[r["LogicalResourceId"]] = r["PhysicalResourceId"]

    passed, failed = [], []

    def check(name, ok, detail):
        (passed if ok else failed).append(name)
        print("%s %-28s %s" % ("ok  " if ok else "FAIL", name, detail))

    queue_arns = {}
    resources = template.get("Resources", {})
    for logical, res in resources.items():
        if res.get("Type") != "AWS::SQS::Queue" or logical not in physical:
            continue
        attrs = sqs.get_queue_attributes(QueueUrl=physical[logical], AttributeNames=["All"])["Attributes"]
        queue_arns[logical] = attrs

    for logical, res in resources.items():
        kind = res.get("Type")
        props = res.get("Properties") or {}
        if kind not in ("AWS::DynamoDB::Table", "AWS::SQS::Queue", "AWS::S3::Bucket", "AWS::Logs::LogGroup"):
            continue
        if logical not in physical:
            check(logical, False, "not in stack %s" % stack)
            continue
        name = physical[logical]
        if kind == "AWS::DynamoDB::Table":
            table = ddb.describe_table(TableName=name)["Table"]
            keys = sorted((k["AttributeName"], k["KeyType"]) for k in table["KeySchema"])
            want_keys = sorted((k["AttributeName"], k["KeyType"]) for k in props.get("KeySchema", []))
            want_gsis = sorted(i["IndexName"] for i in props.get("GlobalSecondaryIndexes", []))
            gsis = sorted(i["IndexName"] for i in table.get("GlobalSecondaryIndexes", []))
            spec = props.get("TimeToLiveSpecification") or {}
            want_ttl = spec.get("AttributeName") if str(spec.get("Enabled")).lower() == "true" else None
            ttl = ddb.describe_time_to_live(TableName=name)["TimeToLiveDescription"]
            got_ttl = ttl.get("AttributeName") if ttl.get("TimeToLiveStatus") in ("ENABLED", "ENABLING") else None
            ok = keys == want_keys and gsis == want_gsis and got_ttl == want_ttl
            check(logical, ok, "table %s keys %s indexes %s ttl %s" % (name, keys, gsis, got_ttl))
        elif kind == "AWS::SQS::Queue":
            attrs = queue_arns[logical]
            redrive = props.get("RedrivePolicy")
            if redrive:
                dlq = cfn_template.refs(redrive.get("deadLetterTargetArn")).pop()
                want = queue_arns.get(dlq, {}).get("QueueArn")
                got = attrs.get("RedrivePolicy", "")
                ok = want is not None and want in got and str(redrive.get("maxReceiveCount")) in got
                check(logical, ok, "queue with DLQ %s: %s" % (dlq, got or "no RedrivePolicy"))
            else:
                dead_letter_for = [k for k, r in resources.items() if r.get("Type") == "AWS::SQS::Queue"
                                   and logical in cfn_template.refs((r.get("Properties") or {}).get("RedrivePolicy"))]
                check(logical, bool(dead_letter_for), "queue %s, DLQ of %s" % (name, dead_letter_for or "nothing"))
        elif kind == "AWS::S3::Bucket":
            s3.head_bucket(Bucket=name)
            check(logical, True, "bucket %s" % name)
        elif kind == "AWS::Logs::LogGroup":
            groups = logs.describe_log_groups(logGroupNamePrefix=name)["logGroups"]
            group = next((g for g in groups if g["logGroupName"] == name), None)
            want = props.get("RetentionInDays")
            ok = group is not None and (want is None or group.get("retentionInDays") is not None)
            check(logical, ok, "log group %s retention %s days" % (name, group and group.get("retentionInDays")))

    print("%d passed, %d failed" % (len(passed), len(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
