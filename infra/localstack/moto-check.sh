#!/usr/bin/env bash
# CI's deploy check without Docker: starts a moto_server on loopback, runs deploy.sh against it in data mode
# (moto's CloudFormation has no SAM transform), and checks that every table (with TTL), queue (with DLQ),
# bucket and log group of template.yaml exists. Needs moto[server], the AWS CLI and boto3.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
mkdir -p "$ROOT/target/deploy"
log="$ROOT/target/deploy/moto.log"
python3 -m moto.server -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
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
DEPLOY_MODE=data STAGE=ci "$ROOT/infra/localstack/deploy.sh"
python3 "$ROOT/infra/localstack/check_deployed.py" "$ROOT/template.yaml" movepass-ci
