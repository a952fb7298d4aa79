#!/usr/bin/env python3
"""Reads template.yaml (CloudFormation short-form tags included) for deploy.sh and check_deployed.py.

  python3 cfn_template.py data-template TEMPLATE OUT.json
      writes the template's data resources (tables, queues, buckets, log groups and what only they reference)
      as a plain CloudFormation template, without the SAM transform: what an endpoint with CloudFormation but
      without the AWS::Serverless transform or Lambda (moto) can create.
  python3 cfn_template.py ttl TEMPLATE
      prints "LogicalId AttributeName" for every table whose TimeToLiveSpecification is enabled.
"""
import json
import sys

import yaml

DATA_TYPES = ("AWS::DynamoDB::Table", "AWS::SQS::Queue", "AWS::SQS::QueuePolicy", "AWS::S3::Bucket",
              "AWS::S3::BucketPolicy", "AWS::Logs::LogGroup")


class _Loader(yaml.SafeLoader):
    pass


def _tag(suffix):
    name = suffix if suffix == "Ref" else "Fn::" + suffix

    def construct(loader, node):
        if isinstance(node, yaml.ScalarNode):
            value = loader.construct_scalar(node)
            if suffix == "GetAtt":
                value = value.split(".", 1)
        elif isinstance(node, yaml.SequenceNode):
            value = loader.construct_sequence(node, deep=True)
        else:
            value = loader.construct_mapping(node, deep=True)
        return {name: value}

    return construct


for _t in ("Ref", "GetAtt", "Sub", "Join", "If", "Select", "Split", "Equals", "Not", "And", "Or", "FindInMap",
           "Base64", "ImportValue", "GetAZs", "Cidr", "Condition"):
    _Loader.add_constructor("!" + _t, _tag(_t))


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=_Loader)  # noqa: S506 - SafeLoader subclass


def refs(value, out=None):
    """Logical ids and parameters named by Ref / Fn::GetAtt / Fn::Sub inside value."""
    import re
    out = set() if out is None else out
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "Ref" and isinstance(v, str):
                out.add(v)
            elif k == "Fn::GetAtt":
                out.add(v[0] if isinstance(v, list) else str(v).split(".", 1)[0])
            elif k == "Fn::Sub":
                text = v[0] if isinstance(v, list) else v
                out.update(m.split(".", 1)[0] for m in re.findall(r"\$\{([^}!][^}]*)}", text))
                if isinstance(v, list) and len(v) > 1:
                    refs(v[1], out)
            else:
                refs(v, out)
    elif isinstance(value, list):
        for v in value:
            refs(v, out)
    return out


def data_template(template):
    all_resources = template.get("Resources", {})
    resources = {k: v for k, v in all_resources.items() if v.get("Type") in DATA_TYPES}
    while True:  # drop what names a resource left out (e.g. a bucket policy naming a CDN distribution)
        dropped = [k for k, v in resources.items() if any(r in all_resources and r not in resources for r in refs(v))]
        if not dropped:
            break
        for k in dropped:
            print("note: %s (%s) left out: it names resources outside the data set" % (k, resources[k]["Type"]),
                  file=sys.stderr)
            del resources[k]
    all_conditions = template.get("Conditions") or {}
    conditions = {}
    pending = set(_conditions_named(resources))
    while pending:
        name = pending.pop()
        if name in all_conditions and name not in conditions:
            conditions[name] = all_conditions[name]
            pending.update(_conditions_named(all_conditions[name]))
    used = refs(resources) | refs(conditions)
    parameters = {k: v for k, v in template.get("Parameters", {}).items() if k in used}
    out = {"AWSTemplateFormatVersion": "2010-09-09",
           "Description": "MovePass data resources (tables, queues, buckets, log groups) from template.yaml",
           "Parameters": parameters, "Resources": resources}
    if conditions:
        out["Conditions"] = conditions
    return out


def _conditions_named(value, out=None):
    out = set() if out is None else out
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "Condition" and isinstance(v, str):
                out.add(v)
            elif k == "Fn::If" and isinstance(v, list) and v:
                out.add(v[0])
                _conditions_named(v[1:], out)
            elif k == "Fn::Condition":
                out.add(v)
            else:
                _conditions_named(v, out)
    elif isinstance(value, list):
        for v in value:
            _conditions_named(v, out)
    return out


def main(argv):
    if len(argv) >= 3 and argv[1] == "data-template":
        data = data_template(load(argv[2]))
        with open(argv[3], "w", encoding="utf-8") as f:
            json.dump(data, f, indent=1)
        print(" ".join(sorted(data["Parameters"])))
    elif len(argv) == 3 and argv[1] == "ttl":
        for logical_id, res in load(argv[2]).get("Resources", {}).items():
            spec = (res.get("Properties") or {}).get("TimeToLiveSpecification") or {}
            if res.get("Type") == "AWS::DynamoDB::Table" and str(spec.get("Enabled")).lower() == "true":
                print(logical_id, spec["AttributeName"])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
