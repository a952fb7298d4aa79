#!/usr/bin/env bash
# CI's deploy check without Docker, against a moto_server on loopback. Needs moto[server], the AWS CLI, boto3 and
# aws-sam-translator (it comes with cfn-lint).
#   data: deploy.sh in data mode (plain CloudFormation derived from template.yaml) and check_deployed.py: every table
#         (with TTL), queue (with DLQ), bucket and log group exists as the template describes it.
#   full: deploy_moto.py expands the SAM transform offline and deploys the whole template (every type moto's
#         CloudFormation can create), then check_full.py checks each resource as the template declares it, and
#         checks the resources of the types moto cannot create (listed by deploy_moto.py) in the translated template.
# MOTO_CHECK=data|full|both (default both; moto is reset between the two).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/infra/localstack"
MODE="${MOTO_CHECK:-both}"
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
mkdir -p "$ROOT/target/deploy"
log="$ROOT/target/deploy/moto.log"
# AWS managed policies (AWSLambdaBasicExecutionRole...) exist only when loaded: the full check attaches them
MOTO_IAM_LOAD_MANAGED_POLICIES=true python3 -m moto.server -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
moto_pid=$!
trap 'kill "$moto_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  if python3 -c "import urllib.request;urllib.request.urlopen('http://127.0.0.1:$port/moto-api/data.json',timeout=1)" 2>/dev/null; then
    break
  fi
  sleep 0.2
done
export AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_ACCESS_KEY_ID=moto AWS_SECRET_ACCESS_KEY=moto
export AWS_REGION=ap-southeast-1 AWS_DEFAULT_REGION=ap-southeast-1
unset AWS_PROFILE AWS_SESSION_TOKEN
case "$MODE" in data|full|both) ;; *) echo "moto-check.sh: MOTO_CHECK must be data, full or both" >&2; exit 2 ;; esac
if [ "$MODE" = both ] && ! python3 -c 'import samtranslator' 2>/dev/null; then
  echo "note: aws-sam-translator is missing (pip install cfn-lint brings it); only the data check runs"
  MODE=data
fi
if [ "$MODE" != full ]; then
  DEPLOY_MODE=data STAGE=ci "$HERE/deploy.sh"
  python3 "$HERE/check_deployed.py" "$ROOT/template.yaml" movepass-ci
fi
if [ "$MODE" != data ]; then
  python3 -c "import urllib.request;urllib.request.urlopen(urllib.request.Request('$AWS_ENDPOINT_URL/moto-api/reset',method='POST'))"
  echo "== the whole template, SAM transform expanded offline, into moto"
  python3 "$HERE/deploy_moto.py" "$ROOT/template.yaml" movepass-ci "$ROOT/target/deploy/full" "$ROOT"
  python3 "$HERE/check_full.py" "$ROOT/template.yaml" movepass-ci "$ROOT/target/deploy/full" >"$ROOT/target/deploy/full/check.txt" \
    || { cat "$ROOT/target/deploy/full/check.txt"; exit 1; }
  grep -v '^ok' "$ROOT/target/deploy/full/check.txt"
  echo "   (every line: target/deploy/full/check.txt)"
fi
