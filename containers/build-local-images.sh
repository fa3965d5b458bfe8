#!/usr/bin/env bash
# Builds khabar's images on a machine without a container registry, FROM the local base image that
# ../shared/containers/setup-podman.sh makes (Debian bookworm + OpenJDK 17 JRE):
#   localhost/khabar:latest        the khabar image (needs cli/target/khabar-cli.jar and cli/target/lib:
#                                  mvn -B -DskipTests -pl cli -am package)
#   localhost/khabar-postgres:15   PostgreSQL 15 from Debian's packages (containers/postgres)
# Usage: containers/build-local-images.sh [khabar|postgres|all]   (default all)
# Environment: KHABAR_BASE_IMAGE (default localhost/khabar-base:bookworm), CONTAINER_ENGINE (default podman).
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
engine=${CONTAINER_ENGINE:-podman}
base=${KHABAR_BASE_IMAGE:-localhost/khabar-base:bookworm}
log() { printf '[build-local-images] %s\n' "$*" >&2; }

if [ "$what" = all ] || [ "$what" = postgres ]; then
  start=$(date +%s)
  # --network host: RUN apt-get reaches the Debian mirror the host uses
  "$engine" build -q --network host --build-arg "BASE_IMAGE=$base" -t localhost/khabar-postgres:15 containers/postgres >/dev/null
  log "localhost/khabar-postgres:15 built in $(( $(date +%s) - start )) s"
fi
if [ "$what" = all ] || [ "$what" = khabar ]; then
  [ -f cli/target/khabar-cli.jar ] && [ -d cli/target/lib ] \
    || { log "cli/target/khabar-cli.jar missing: run 'mvn -B -DskipTests -pl cli -am package' first"; exit 1; }
  start=$(date +%s)
  "$engine" build -q --build-arg "BASE_IMAGE=$base" -t localhost/khabar:latest -f Containerfile . >/dev/null
  log "localhost/khabar:latest built in $(( $(date +%s) - start )) s"
fi
