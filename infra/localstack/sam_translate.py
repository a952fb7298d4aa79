#!/usr/bin/env python3
"""Expands template.yaml's SAM transform offline with aws-sam-translator into plain CloudFormation.

  python3 sam_translate.py TEMPLATE OUT.json BUCKET [PREFIX]

Every CodeUri (functions/<name>/target/<name>.zip) becomes s3://BUCKET/PREFIX/<name>.zip (upload the zips there
before deploying). The translator needs the ARNs of the AWS managed policies a template names
(AWSLambdaBasicExecutionRole and the like); offline they are built from their names, which is what IAM's ARNs are.
SAM policy templates (DynamoDBCrudPolicy, SQSSendMessagePolicy...) are expanded by the translator's own definitions.
Prints "LogicalId<TAB>zip path<TAB>s3 key" for every function, for the upload.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cfn_template  # noqa: E402


class _OfflinePolicies:
    """The managed-policy loader aws-sam-translator asks for ARNs; an AWS managed policy's ARN is its name."""

    def __getitem__(self, name):
        return "arn:aws:iam::aws:policy/service-role/" + name if name.startswith("AWSLambda") \
            else "arn:aws:iam::aws:policy/" + name

    def get(self, name, default=None):
        return self[name]

    def __contains__(self, name):
        return True


def translate(template, bucket, prefix):
    from samtranslator.parser.parser import Parser
    from samtranslator.translator.translator import Translator

    uploads = []
    for logical, res in template.get("Resources", {}).items():
        if res.get("Type") != "AWS::Serverless::Function":
            continue
        uri = res["Properties"]["CodeUri"]
        key = "%s/%s" % (prefix, os.path.basename(uri)) if prefix else os.path.basename(uri)
        res["Properties"]["CodeUri"] = {"Bucket": bucket, "Key": key}
        uploads.append((logical, uri, key))
    policies = _OfflinePolicies()
    import boto3
    session = boto3.session.Session(region_name=os.environ.get("AWS_REGION", "ap-southeast-1"))
    translator = Translator(policies, Parser(), boto_session=session)
    out = translator.translate(template, parameter_values={}, get_managed_policy_map=lambda: policies)
    return out, uploads


def main(argv):
    if len(argv) not in (4, 5):
        print(__doc__, file=sys.stderr)
        return 2
    template = cfn_template.load(argv[1])
    out, uploads = translate(template, argv[3], argv[4] if len(argv) == 5 else "")
    with open(argv[2], "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, default=str)
    for logical, uri, key in uploads:
        print("%s\t%s\t%s" % (logical, uri, key))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
