#!/usr/bin/env bash
# Proves that a CDK app which depends only on the construct's Maven artifact synthesizes: it installs the modules
# into the local Maven repository and builds scripts/consumer-check, a project outside the reactor.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q install -DskipTests
rm -rf scripts/consumer-check/target
mvn -B -q -f scripts/consumer-check/pom.xml compile exec:java -Dexec.args="$PWD/scripts/consumer-check/target/cdk.out"
