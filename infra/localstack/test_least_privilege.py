#!/usr/bin/env python3
"""least_privilege.py on a tiny template and a tiny record: an injected drift either way fails, an exact role passes.

  python3 infra/localstack/test_least_privilege.py
"""
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import least_privilege  # noqa: E402

TEMPLATE = """\
Resources:
  Table:
    Type: AWS::DynamoDB::Table
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt Dlq.Arn
        maxReceiveCount: 5
  Dlq:
    Type: AWS::SQS::Queue
  Bucket:
    Type: AWS::S3::Bucket
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - Statement:
            - Effect: Allow
              Action: [dynamodb:GetItem, dynamodb:PutItem]
              Resource: !GetAtt Table.Arn
            - Effect: Allow
              Action: dynamodb:Query
              Resource: !Sub "${Table.Arn}/index/byDay"
            - Effect: Allow
              Action: s3:PutObject
              Resource: !Sub "${Bucket.Arn}/*"
"""
USED = [("Fn", "dynamodb:GetItem", "Table"), ("Fn", "dynamodb:PutItem", "Table"), ("Fn", "dynamodb:Query", "Table/index/byDay"),
        ("Fn", "s3:PutObject", "Bucket/*")]


class LeastPrivilegeTest(unittest.TestCase):

    def run_files(self, template, used, allow=None, strict=True):
        """main() on files, as .ci/run calls it: returns (rc, printed lines)."""
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "template.yaml"), "w") as f:
                f.write(template)
            os.mkdir(os.path.join(d, "access"))
            with open(os.path.join(d, "access", "run.tsv"), "w") as f:
                f.write("".join("\t".join(u) + "\n" for u in used))
            allow_path = os.path.join(d, "allow")
            with open(allow_path, "w") as f:
                f.write(allow or "")
            lines = []
            argv = ["least_privilege.py", os.path.join(d, "template.yaml"), os.path.join(d, "access"), "--allow", allow_path]
            rc = least_privilege.main(argv + (["--strict"] if strict else []), out=lines.append)
            return rc, "\n".join(lines)

    def test_exact_grants_pass(self):
        rc, out = self.run_files(TEMPLATE, USED)
        self.assertEqual(0, rc, out)

    def test_an_unused_grant_fails(self):
        rc, out = self.run_files(TEMPLATE, [u for u in USED if u[1] != "dynamodb:PutItem"])
        self.assertEqual(1, rc, out)
        self.assertIn("unused grant: Fn dynamodb:PutItem on Table", out)

    def test_an_unused_grant_only_warns_without_strict(self):
        rc, out = self.run_files(TEMPLATE, USED[1:], strict=False)
        self.assertEqual(0, rc, out)

    def test_a_missing_grant_fails(self):
        rc, out = self.run_files(TEMPLATE, USED + [("Fn", "dynamodb:UpdateItem", "Table")])
        self.assertEqual(1, rc, out)
        self.assertIn("DENIED in AWS: Fn calls dynamodb:UpdateItem on Table", out)

    def test_a_query_of_another_index_is_denied(self):
        rc, out = self.run_files(TEMPLATE, USED + [("Fn", "dynamodb:Query", "Table/index/byWard")])
        self.assertEqual(1, rc, out)

    def test_every_index_is_broad_even_when_used(self):
        rc, out = self.run_files(TEMPLATE.replace("/index/byDay", "/index/*"), USED)
        self.assertEqual(1, rc, out)
        self.assertIn("broad grant: Fn dynamodb:Query on Table/index/*", out)

    def test_a_sam_policy_template_is_broad_and_mostly_unused(self):
        sam = TEMPLATE + "        - DynamoDBReadPolicy:\n            TableName: !Ref Table\n"
        templates = {"DynamoDBReadPolicy": {"Definition": {"Statement": [{
            "Action": ["dynamodb:GetItem", "dynamodb:Scan"], "Effect": "Allow", "Resource": [
                {"Fn::Sub": ["arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}",
                             {"tableName": {"Ref": "TableName"}}]},
                {"Fn::Sub": ["arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}/index/*",
                             {"tableName": {"Ref": "TableName"}}]}]}]}}}
        lines = []
        rc = least_privilege.check(least_privilege.cfn_template.yaml.load(sam, Loader=least_privilege.cfn_template._Loader),
                                   set(USED), strict=True, templates=templates, out=lines.append)
        self.assertEqual(1, rc, lines)
        self.assertIn("  unused grant: Fn dynamodb:Scan on Table (DynamoDBReadPolicy)", lines)
        self.assertIn("  unused and broad grant: Fn dynamodb:Scan on Table/index/* (DynamoDBReadPolicy)", lines)

    def test_an_allowed_grant_passes_with_its_reason_printed(self):
        template = TEMPLATE + "            - Effect: Allow\n              Action: sns:Publish\n              Resource: '*'\n"
        rc, out = self.run_files(template, USED)
        self.assertEqual(1, rc, out)
        rc, out = self.run_files(template, USED, allow="# why\nFn  sns:Publish  *  -- SMS to a phone number has no topic ARN\n")
        self.assertEqual(0, rc, out)
        self.assertIn("allowed (unused and broad): Fn sns:Publish * -- SMS to a phone number has no topic ARN", out)

    def test_an_allow_line_naming_no_grant_fails_and_one_used_this_time_is_noted(self):
        rc, out = self.run_files(TEMPLATE, USED, allow="Fn sns:Publish * -- gone\n")
        self.assertEqual(1, rc, out)
        self.assertIn("allow line 1 names no grant", out)
        rc, out = self.run_files(TEMPLATE, USED, allow="Fn dynamodb:GetItem Table -- a race the tests provoke sometimes\n")
        self.assertEqual(0, rc, out)
        self.assertIn("allow line 1 used in this run: Fn dynamodb:GetItem Table", out)

    def test_a_message_move_task_needs_the_dead_letter_queue_and_its_source(self):
        template = TEMPLATE + ("            - Effect: Allow\n              Action: [sqs:StartMessageMoveTask, sqs:ReceiveMessage,"
                               " sqs:DeleteMessage, sqs:GetQueueAttributes]\n              Resource: !GetAtt Dlq.Arn\n")
        used = USED + [("Fn", "sqs:StartMessageMoveTask", "Dlq")]
        rc, out = self.run_files(template, used)
        self.assertEqual(1, rc, out)
        self.assertIn("DENIED in AWS: Fn calls sqs:SendMessage on Queue", out)
        template += "            - Effect: Allow\n              Action: sqs:SendMessage\n              Resource: !GetAtt Queue.Arn\n"
        rc, out = self.run_files(template, used)
        self.assertEqual(0, rc, out)

    def test_no_record_is_an_error(self):
        rc, out = self.run_files(TEMPLATE, [])
        self.assertEqual(2, rc, out)


if __name__ == "__main__":
    unittest.main()
