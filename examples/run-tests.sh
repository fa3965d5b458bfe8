#!/usr/bin/env bash
# Builds and tests the example app (examples/headline-places) against the test kit of this checkout, once per
# Kafka client: kafka-clients 3.7.2 (-P kafka-3.7) and 4.0.0 (-P kafka-4).
#
# Needs the khabar build's output first (mvn package or verify at the root: test-support's jar and
# test-runtime's zip). The test kit is installed into a private local repository, examples/target/m2, never
# into the shared ~/.m2 (an installed SNAPSHOT would leak into every other build on the machine); the example's
# other dependencies are read from ~/.m2 as a read-only repository, else from Maven Central (ci-settings.xml).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$root"
version=$(sed -n '/<artifactId>khabar-parent<\/artifactId>/,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
jar=test-support/target/khabar-test-support-$version.jar
zip=test-runtime/target/khabar-test-runtime-$version-runtime.zip
for f in "$jar" "$zip"; do
  [ -f "$f" ] || { echo "examples: $f is missing; build khabar first (mvn -B -DskipTests package)" >&2; exit 1; }
done
repo=$here/target/m2
mvn_private() { mvn -B -ntp -q -s "$here/ci-settings.xml" -Dmaven.repo.local="$repo" "$@"; }

# The test kit as a downstream build resolves it: the parent pom, the jar, and the runtime zip (type zip, so it
# never goes on a class path) next to it.
mvn_private install:install-file -Dfile=pom.xml -DpomFile=pom.xml
mvn_private install:install-file -Dfile=test-runtime/pom.xml -DpomFile=test-runtime/pom.xml
mvn_private install:install-file -Dfile="$zip" -DgroupId=io.khabar -DartifactId=khabar-test-runtime \
  -Dversion="$version" -Dclassifier=runtime -Dpackaging=zip -DgeneratePom=false
mvn_private install:install-file -Dfile="$jar" -DpomFile=test-support/pom.xml

for profile in kafka-3.7 kafka-4; do
  echo "examples: headline-places with -P $profile"
  start=$(date +%s)
  mvn -B -ntp -s "$here/ci-settings.xml" -Dmaven.repo.local="$repo" -f "$here/headline-places/pom.xml" \
    -Dkhabar.version="$version" -P "$profile" clean verify
  echo "examples: -P $profile passed in $(( $(date +%s) - start )) s"
done
