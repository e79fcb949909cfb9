#!/bin/sh
set -eu
aws ecr put-lifecycle-policy \
  --repository-name team/orders \
  --lifecycle-policy-text file://scripts/ecr-lifecycle-policy.json
