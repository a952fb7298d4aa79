#!/usr/bin/env bash
# Deploys template.yaml with the stock AWS CLI, to AWS or to any AWS-compatible endpoint (AWS_ENDPOINT_URL).
#
#   mvn -q -DskipTests package                       # builds functions/<name>/target/<name>.zip
#   infra/localstack/deploy.sh                       # full stack (SAM transform expanded by the endpoint)
#   DEPLOY_MODE=data infra/localstack/deploy.sh      # only tables, queues, buckets, log groups (plain CloudFormation)
#
# Environment:
#   AWS_ENDPOINT_URL    the endpoint (LocalStack: http://localhost:4566; moto_server: http://127.0.0.1:PORT);
#                       unset = AWS itself. The AWS CLI (botocore >= 1.31) sends every service call there.
#   DEPLOY_MODE         full (default): `aws cloudformation package` uploads the zips, `aws cloudformation deploy`
#                       sends the SAM template; the endpoint expands AWS::Serverless (AWS, LocalStack).
#                       data: derives a plain template of the data resources and deploys that, for endpoints
#                       without the SAM transform or Lambda (moto). Functions, API and schedules are left out.
#   STAGE               default dev; the stack is movepass-$STAGE unless STACK_NAME is set.
#   ARTIFACT_BUCKET     S3 bucket for the zips (full mode); created when missing. Default movepass-artifacts-<account>-<region>.
#   JWT_ISSUER, JWT_AUDIENCE, PASS_SIGNING_SEED, SCAN_KEY, PAGE_TOKEN_KEY, EXPORT_PSEUDONYM_SECRET, HEALTH_LIST_SECRET,
#   LOG_RETENTION_DAYS, DECLARATION_RETENTION_DAYS
#                       the template's parameters. Against AWS, JWT_ISSUER and the five secrets are
#                       required (a seed regenerated on every deploy would void every pass); against another
#                       endpoint, missing secrets are generated for this deploy.
#   AWS_REGION / AWS_DEFAULT_REGION, credentials: as the AWS CLI reads them (any dummy pair for local endpoints).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/infra/localstack"
TEMPLATE="$ROOT/template.yaml"
OUT="$ROOT/target/deploy"
MODE="${DEPLOY_MODE:-full}"
STAGE="${STAGE:-dev}"
STACK="${STACK_NAME:-movepass-$STAGE}"
export AWS_REGION="${AWS_REGION:-${AWS_DEFAULT_REGION:-ap-southeast-1}}"
export AWS_DEFAULT_REGION="$AWS_REGION"
export AWS_PAGER=""

command -v aws >/dev/null || { echo "deploy.sh: the AWS CLI is not installed" >&2; exit 2; }
command -v python3 >/dev/null || { echo "deploy.sh: python3 is needed to read the template" >&2; exit 2; }
python3 -c 'import yaml' 2>/dev/null || { echo "deploy.sh: python3 needs PyYAML (it comes with the AWS CLI v1)" >&2; exit 2; }
mkdir -p "$OUT"
target="${AWS_ENDPOINT_URL:-AWS}"
echo "== deploying $STACK ($MODE) to $target, region $AWS_REGION"

random_key() { python3 -c 'import base64,secrets;print(base64.b64encode(secrets.token_bytes(32)).decode())'; }
need() { # name of a required parameter value
  if [ -z "${!1:-}" ]; then
    if [ -z "${AWS_ENDPOINT_URL:-}" ]; then
      echo "deploy.sh: $1 must be set to deploy to AWS" >&2; exit 2
    fi
    case "$1" in
      JWT_ISSUER) printf -v "$1" '%s' "https://issuer.invalid/movepass-$STAGE" ;;
      *) printf -v "$1" '%s' "$(random_key)"; echo "note: $1 generated for this deploy (not kept)" ;;
    esac
  fi
}

overrides=("Stage=$STAGE")
[ -n "${LOG_RETENTION_DAYS:-}" ] && overrides+=("LogRetentionDays=$LOG_RETENTION_DAYS")
[ -n "${DECLARATION_RETENTION_DAYS:-}" ] && overrides+=("DeclarationRetentionDays=$DECLARATION_RETENTION_DAYS")

case "$MODE" in
  full)
    missing=0
    while read -r zip; do
      if [ ! -f "$ROOT/$zip" ]; then echo "deploy.sh: $zip is missing: run mvn -q -DskipTests package" >&2; missing=1; fi
    done < <(grep -E '^\s+CodeUri:' "$TEMPLATE" | awk '{print $2}')
    [ "$missing" = 0 ] || exit 2
    need JWT_ISSUER; need PASS_SIGNING_SEED; need SCAN_KEY; need PAGE_TOKEN_KEY; need EXPORT_PSEUDONYM_SECRET
    need HEALTH_LIST_SECRET
    overrides+=("JwtIssuer=$JWT_ISSUER" "PassSigningSeed=$PASS_SIGNING_SEED" "ScanKey=$SCAN_KEY" "PageTokenKey=$PAGE_TOKEN_KEY"
      "ExportPseudonymSecret=$EXPORT_PSEUDONYM_SECRET" "HealthListSecret=$HEALTH_LIST_SECRET")
    [ -n "${JWT_AUDIENCE:-}" ] && overrides+=("JwtAudience=$JWT_AUDIENCE")
    if [ -z "${ARTIFACT_BUCKET:-}" ]; then
      account=$(aws sts get-caller-identity --query Account --output text)
      ARTIFACT_BUCKET="movepass-artifacts-$account-$AWS_REGION"
    fi
    if ! aws s3api head-bucket --bucket "$ARTIFACT_BUCKET" >/dev/null 2>&1; then
      echo "== creating artifact bucket $ARTIFACT_BUCKET"
      if [ "$AWS_REGION" = "us-east-1" ]; then
        aws s3api create-bucket --bucket "$ARTIFACT_BUCKET" >/dev/null
      else
        aws s3api create-bucket --bucket "$ARTIFACT_BUCKET" \
          --create-bucket-configuration "LocationConstraint=$AWS_REGION" >/dev/null
      fi
    fi
    echo "== uploading the function zips"
    if ! (cd "$ROOT" && aws cloudformation package --template-file template.yaml --s3-bucket "$ARTIFACT_BUCKET" \
      --s3-prefix "$STACK" --output-template-file "$OUT/packaged.yaml" >"$OUT/package.log" 2>&1); then
      tr '\r' '\n' <"$OUT/package.log" | grep -v '^Uploading' >&2; exit 1
    fi
    DEPLOYED="$OUT/packaged.yaml"
    ;;
  data)
    echo "== deriving the data resources (tables, queues, buckets, log groups) from template.yaml"
    params=$(python3 "$HERE/cfn_template.py" data-template "$TEMPLATE" "$OUT/data.json")
    kept=("Stage=$STAGE")
    for o in "${overrides[@]}"; do
      case " $params " in *" ${o%%=*} "*) kept+=("$o") ;; esac
    done
    overrides=("${kept[@]}")
    DEPLOYED="$OUT/data.json"
    ;;
  *) echo "deploy.sh: DEPLOY_MODE must be full or data, got $MODE" >&2; exit 2 ;;
esac

echo "== aws cloudformation deploy --stack-name $STACK"
aws cloudformation deploy --template-file "$DEPLOYED" --stack-name "$STACK" \
  --capabilities CAPABILITY_IAM CAPABILITY_AUTO_EXPAND --no-fail-on-empty-changeset \
  --parameter-overrides "${overrides[@]}"

# Where CloudFormation applies TimeToLiveSpecification this finds TTL enabled and does nothing; moto's
# CloudFormation creates the tables without it, so the template's TTL is switched on here.
while read -r logical attribute; do
  [ -n "$logical" ] || continue
  table=$(aws cloudformation list-stack-resources --stack-name "$STACK" \
    --query "StackResourceSummaries[?LogicalResourceId=='$logical'].PhysicalResourceId | [0]" --output text)
  if [ -z "$table" ] || [ "$table" = "None" ]; then
    echo "deploy.sh: table $logical is not in stack $STACK" >&2; exit 1
  fi
  status=$(aws dynamodb describe-time-to-live --table-name "$table" --query TimeToLiveDescription.TimeToLiveStatus --output text)
  if [ "$status" = "DISABLED" ]; then
    echo "note: enabling TTL $attribute on $table (the endpoint's CloudFormation did not)"
    aws dynamodb update-time-to-live --table-name "$table" \
      --time-to-live-specification "Enabled=true,AttributeName=$attribute" >/dev/null
  fi
done < <(python3 "$HERE/cfn_template.py" ttl "$TEMPLATE")

echo "== $STACK deployed; outputs:"
aws cloudformation describe-stacks --stack-name "$STACK" --query 'Stacks[0].Outputs' --output table || true
