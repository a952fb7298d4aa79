#!/usr/bin/env python3
"""Least privilege, checked: what each function's role grants (template.yaml's Policies, SAM policy templates
expanded by aws-sam-translator's own definitions) against the DynamoDB and SQS calls the functions really made during
the test suite (the embedded runtime records them: infra/local/.../embedded/AwsAccess, one TSV per runtime in
DIR, lines "FunctionLogicalId<TAB>service:Action<TAB>ResourceLogicalId").

  python3 least_privilege.py TEMPLATE DIR [--strict]

A call the role does not grant fails (it would be AccessDenied in AWS). What a role grants and no test used is
listed with its count; --strict fails on it too.
"""
import glob
import json
import os
import sys

import cfn_template


def policy_templates():
    import samtranslator
    path = os.path.join(os.path.dirname(samtranslator.__file__), "policy_templates_data", "policy_templates.json")
    with open(path) as f:
        return json.load(f)["Templates"]


def referenced(value):
    """The logical ids a Resource value names (Ref, GetAtt, Sub), or '*'."""
    out = set()
    if isinstance(value, dict):
        if "Ref" in value:
            out.add(value["Ref"])
        elif "Fn::GetAtt" in value:
            out.add(value["Fn::GetAtt"][0])
        elif "Fn::Sub" in value:
            text = value["Fn::Sub"] if isinstance(value["Fn::Sub"], str) else value["Fn::Sub"][0]
            import re
            out.update(m.split(".")[0] for m in re.findall(r"\$\{([A-Za-z0-9.]+)}", text) if not m.startswith("AWS::"))
        else:
            for v in value.values():
                out |= referenced(v)
    elif isinstance(value, list):
        for v in value:
            out |= referenced(v)
    elif value == "*":
        out.add("*")
    return out


def actions_of(value):
    return [value] if isinstance(value, str) else list(value)


def grants(template, templates):
    """{function: {(action, resource)}} where action may end in '*'."""
    out = {}
    for fid, res in template["Resources"].items():
        if res.get("Type") != "AWS::Serverless::Function":
            continue
        granted = set()
        for policy in res.get("Properties", {}).get("Policies", []) or []:
            if not isinstance(policy, dict):
                continue
            for name, params in policy.items():
                if name == "Statement":
                    for st in params:
                        if st.get("Effect") == "Allow":
                            for a in actions_of(st["Action"]):
                                for r in referenced(st["Resource"]):
                                    granted.add((a, r))
                elif name in templates:
                    targets = set()
                    for v in (params or {}).values():
                        targets |= referenced(v)
                    for st in templates[name]["Definition"]["Statement"]:
                        for a in actions_of(st["Action"]):
                            for r in targets:
                                granted.add((a, r))
        out[fid] = granted
    return out


def allowed(granted, action, resource):
    for a, r in granted:
        if (a == action or (a.endswith("*") and action.startswith(a[:-1]))) and r in (resource, "*"):
            return True
    return False


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    template = cfn_template.load(argv[1])
    strict = "--strict" in argv
    used = set()
    for path in glob.glob(os.path.join(argv[2], "*.tsv")):
        with open(path) as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) == 3:
                    used.add(tuple(parts))
    if not used:
        print("least privilege: no recorded calls in " + argv[2] + " (run the end-to-end tests first)")
        return 2
    g = grants(template, policy_templates())
    denied = sorted(u for u in used if u[0] in g and not allowed(g[u[0]], u[1], u[2]))
    unknown = sorted({u[0] for u in used if u[0] not in g})
    unused = {}
    for fid, granted in g.items():
        calls = {(a, r) for f, a, r in used if f == fid}
        for a, r in granted:
            if not any((ua == a or (a.endswith("*") and ua.startswith(a[:-1]))) and ur == r for ua, ur in calls):
                unused.setdefault(fid, []).append(a + " " + r)
    print("least privilege: %d distinct calls by %d functions; %d denied; granted but unused: %s" % (
        len(used), len({u[0] for u in used}), len(denied),
        ", ".join("%s %d/%d" % (f, len(unused.get(f, [])), len(g[f])) for f in sorted(g))))
    for fid, action, resource in denied:
        print("  DENIED in AWS: %s calls %s on %s, which its role does not grant" % (fid, action, resource))
    for fid in unknown:
        print("  %s made calls but is not a function of the template" % fid)
    if strict:
        for fid in sorted(unused):
            for item in sorted(unused[fid]):
                print("  unused grant: %s %s" % (fid, item))
    return 1 if denied or unknown or (strict and unused) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
