#!/usr/bin/env bash
# Benchmark: ecr-deploy-maven-plugin against jib-maven-plugin 3.5.2 on the same example service, base image and
# registry. See docs/performance.md for what it measures and the latest results.
#
#   src/bench/run-benchmark.sh [-n RUNS] [-d WORK_DIR] [-s SCENARIOS] [--registry-port P] [--emulator-port Q]
#
#   -n RUNS        measured runs per tool and scenario, after one warm-up run each (default 5)
#   -d WORK_DIR    where everything goes (default target/bench); earlier results there are replaced
#   -s SCENARIOS   comma-separated subset of: nochange,code,deps,cold,freshci,reactor,bigdep (default: all); nochange
#                  and code also time bare `mvn package` (without / with the code change) right after the two tools;
#                  freshci is a code change on a fresh CI runner: no target/, empty base-layer and Jib caches, warm
#                  ~/.m2, pushing to the repository that already holds the previous image and the base layers;
#                  reactor times a 20-module reactor with -T 1 and -T 2 (ours only, min(RUNS,3) runs each) and
#                  counts the ECR tokens it asked for; bigdep builds and pushes the example with a 1 GiB
#                  dependency jar under MAVEN_OPTS=-Xmx256m (ours only, once)
#
# It builds and installs the plugin into WORK_DIR/m2, starts the test bed (a loopback registry with TLS and
# password authentication, the ECR emulator, a JRE base image), copies src/bench/example three times (one copy per
# tool, one for bare Maven) and times whole `mvn` processes, alternating the tools. Results: WORK_DIR/results.tsv
# (one line per run) and WORK_DIR/report.md (the table for docs/performance.md). Bytes downloaded from the base
# image's repository come from the registry's access log (the test bed's one registry serves base and target).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
RUNS=5
WORK="$ROOT/target/bench"
SCENARIOS="nochange,code,deps,cold,freshci,reactor,bigdep"
REGISTRY_PORT=28280
EMULATOR_PORT=28281
while [ $# -gt 0 ]; do
  case "$1" in
    -n) RUNS=$2; shift 2 ;;
    -d) WORK=$2; shift 2 ;;
    -s) SCENARIOS=$2; shift 2 ;;
    --registry-port) REGISTRY_PORT=$2; shift 2 ;;
    --emulator-port) EMULATOR_PORT=$2; shift 2 ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
WORK=$(mkdir -p "$WORK" && cd "$WORK" && pwd)

log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }

# --- tools ----------------------------------------------------------------------------------------------------------
"$ROOT/src/test/sh/install-test-tools.sh"
for tool in /usr/bin/time:time /usr/bin/jq:jq /usr/bin/curl:curl; do
  if [ ! -x "${tool%%:*}" ]; then
    log "installing ${tool##*:}"
    apt-get -o DPkg::Lock::Timeout=600 update -qq && apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${tool##*:}"
  fi
done

# --- clean work dir, settings ---------------------------------------------------------------------------------------
rm -rf "$WORK/testbed" "$WORK/runs" "$WORK/cache" "$WORK/ecr-deploy" "$WORK/jib" "$WORK/bare" "$WORK/reactor" \
  "$WORK/reactor.tsv"
mkdir -p "$WORK/runs" "$WORK/cache"
REGISTRY="127.0.0.1:$REGISTRY_PORT"
USER_REPO="${MAVEN_USER_REPOSITORY:-$HOME/.m2/repository}"
# Bench-local repository; the user's own local repository serves as a file:// mirror of Maven Central's releases.
cat > "$WORK/settings.xml" <<EOF
<settings>
  <servers>
    <server><id>$REGISTRY</id><username>AWS</username><password>ecr-deploy-it-password</password></server>
  </servers>
  <profiles>
    <profile>
      <id>user-repo</id>
      <activation><activeByDefault>true</activeByDefault></activation>
      <repositories>
        <repository><id>user.local</id><url>file://$USER_REPO</url><snapshots><enabled>false</enabled></snapshots></repository>
      </repositories>
      <pluginRepositories>
        <pluginRepository><id>user.local</id><url>file://$USER_REPO</url><snapshots><enabled>false</enabled></snapshots></pluginRepository>
      </pluginRepositories>
    </profile>
  </profiles>
</settings>
EOF
M2="$WORK/m2"

# --- the plugin under test, and the test bed's classpath ------------------------------------------------------------
log "building and installing the plugin into $M2"
(cd "$ROOT" && ./mvnw -B -q -s "$WORK/settings.xml" -Dmaven.repo.local="$M2" -DskipTests install \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/testbed-classpath.txt")
PLUGIN_VERSION=$(cd "$ROOT" && sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
MAVEN_HOME=$(cd "$ROOT" && ./mvnw -v | sed -n 's/^Maven home: //p')
MVN="$MAVEN_HOME/bin/mvn"

# --- test bed ---------------------------------------------------------------------------------------------------------
log "starting the test bed (registry $REGISTRY, ECR emulator on port $EMULATOR_PORT)"
java -cp "$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$WORK/testbed-classpath.txt")" \
  io.github.ecrdeploy.testbed.TestBed --state-dir "$WORK/testbed" --registry-port "$REGISTRY_PORT" \
  --emulator-port "$EMULATOR_PORT" --registry-password ecr-deploy-it-password > "$WORK/testbed.out" 2>&1 &
TESTBED_PID=$!
trap 'touch "$WORK/testbed/stop" 2>/dev/null; kill $TESTBED_PID 2>/dev/null; wait $TESTBED_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  [ -f "$WORK/testbed/ready" ] && break
  if [ -f "$WORK/testbed/failed" ] || ! kill -0 $TESTBED_PID 2>/dev/null; then
    echo "test bed failed:" >&2; tail -20 "$WORK/testbed/testbed.log" "$WORK/testbed.out" >&2; exit 1
  fi
  sleep 0.5
done
[ -f "$WORK/testbed/ready" ] || { echo "test bed not ready after 300 s" >&2; exit 1; }
BASE_IMAGE="$REGISTRY/base/jre:17"
BASE_REPOSITORY=base/jre
REGISTRY_LOG="$WORK/testbed/registry/registry.log"
BLOBS="$WORK/testbed/registry/storage/docker/registry/v2/blobs/sha256"
EMULATOR_ENDPOINT="http://127.0.0.1:$EMULATOR_PORT"
# the base image's layer digests: downloads of these are "base layer bytes"; its config blob is counted apart
BASE_LAYERS=$(skopeo inspect --raw --cert-dir "$WORK/testbed/registry/certs" --creds AWS:ecr-deploy-it-password \
  "docker://$BASE_IMAGE" | jq -r '[.layers[].digest] | join(" ")')

export MAVEN_OPTS="-Djavax.net.ssl.trustStore=$WORK/testbed/registry/truststore.p12 -Djavax.net.ssl.trustStorePassword=changeit"
export AWS_ACCESS_KEY_ID=AKIABENCHEXAMPLE0001 AWS_SECRET_ACCESS_KEY=bench-secret-key AWS_EC2_METADATA_DISABLED=true
unset AWS_PROFILE AWS_REGION AWS_DEFAULT_REGION || true

for copy in ecr-deploy jib bare; do
  mkdir -p "$WORK/$copy"
  cp -r "$ROOT/src/bench/example" "$WORK/$copy/example"
  sed -i -e "s|@BASE_IMAGE@|$BASE_IMAGE|" -e "s|@EMULATOR_ENDPOINT@|$EMULATOR_ENDPOINT|" \
    -e "s|@PLUGIN_VERSION@|$PLUGIN_VERSION|" "$WORK/$copy/example/pom.xml"
done

# commons-codec versions the "dependency change" scenario steps through (the example starts at 1.17.1): each run
# gets a dependency layer that no earlier run pushed (after 8 runs the sequence repeats)
CODEC=(1.18.0 1.19.0 1.20.0 1.16.1 1.16.0 1.15 1.17.0 1.17.1)
declare -A CODEC_STEP=()
# The dependency versions of the "dependency change" scenario are downloaded now, not inside a timed run.
for version in "${CODEC[@]}"; do
  "$MVN" -B -q -s "$WORK/settings.xml" -Dmaven.repo.local="$M2" dependency:get \
    -Dartifact="commons-codec:commons-codec:$version" > /dev/null
done

# --- one timed run ------------------------------------------------------------------------------------------------------
REVISION=0
COLD=0

# prepare TOOL SCENARIO: changes the tool's copy of the example the way the scenario says
prepare() {
  local dir="$WORK/$1/example"
  case "$2" in
    code|bare-code)
      REVISION=$((REVISION + 1))
      sed -i "s/VALUE = \".*\"/VALUE = \"$REVISION\"/" "$dir/src/main/java/com/example/catalog/Revision.java" ;;
    deps)
      local step=${CODEC_STEP[$1]:-0}
      CODEC_STEP[$1]=$((step + 1))
      sed -i "s:<codec.version>.*</codec.version>:<codec.version>${CODEC[$((step % ${#CODEC[@]}))]}</codec.version>:" \
        "$dir/pom.xml" ;;
    cold)
      rm -rf "$dir/target" "$WORK/cache/$1" ;;
    freshci)
      # a new commit on a new runner: the code changed, no target/ (Jib's and our application layer caches are
      # in it), no base-layer cache; ~/.m2 stays warm and the repository keeps what earlier runs pushed
      REVISION=$((REVISION + 1))
      sed -i "s/VALUE = \".*\"/VALUE = \"$REVISION\"/" "$dir/src/main/java/com/example/catalog/Revision.java"
      rm -rf "$dir/target" "$WORK/cache/$1" ;;
  esac
}

# command TOOL SCENARIO: the mvn arguments (a cold run pushes to bench/TOOL-cold-$COLD)
command_of() {
  local repo="bench/$1"
  if [ "$2" = cold ]; then repo="bench/$1-cold-$COLD"; fi
  case "$1" in
    ecr-deploy) echo "-Pecr package ecr-deploy:push -Decr.repository=$repo -Decr.baseImageCache=$WORK/cache/ecr-deploy/base-layers" ;;
    ecr-deploy-big) echo "-Pecr package ecr-deploy:push -Decr.repository=bench/big -Decr.baseImageCache=$WORK/cache/ecr-deploy/base-layers" ;;
    jib) echo "-Pjib package jib:build -Djib.to.image=$REGISTRY/$repo:1.0.0 -Djib.baseImageCache=$WORK/cache/jib/base-layers" ;;
    bare) echo "package" ;;
  esac
}

# uploaded_since LINE: "bytes blobs mounts manifests" of the registry's access log after LINE
uploaded_since() {
  tail -n +"$(($1 + 1))" "$REGISTRY_LOG" | awk -v blobs="$BLOBS" '
    /"PUT \/v2\/[^ ]*\/blobs\/uploads\/[^ ]*digest=sha256:[0-9a-f]+ HTTP[^"]*" 201/ {
      match($0, /digest=sha256:[0-9a-f]+/); d = substr($0, RSTART + 14, RLENGTH - 14)
      f = blobs "/" substr(d, 1, 2) "/" d "/data"; cmd = "stat -c %s " f; cmd | getline size; close(cmd)
      bytes += size; n++ }
    /"POST \/v2\/[^ ]*\/blobs\/uploads\/\?[^ ]*mount=[^ ]* HTTP[^"]*" 201/ { mounts++ }
    /"PUT \/v2\/[^ ]*\/manifests\/[^ ]* HTTP[^"]*" 201/ { manifests++ }
    END { printf "%d %d %d %d\n", bytes, n, mounts, manifests }'
}

# downloaded_since LINE: "layerBytes allBytes": bytes of the base image's layers, and of all blobs (layers and
# config), downloaded from the base image's repository after LINE (the size field of the registry's access log
# lines for GET .../blobs/... answered 200 or 206)
downloaded_since() {
  tail -n +"$(($1 + 1))" "$REGISTRY_LOG" | awk -v repo="$BASE_REPOSITORY" -v layers="$BASE_LAYERS" '
    BEGIN { n = split(layers, l, " "); for (i = 1; i <= n; i++) layer[l[i]] = 1 }
    $0 ~ "\"GET /v2/" repo "/blobs/sha256:[0-9a-f]+ HTTP[^\"]*\" (200|206) [0-9]+" {
      match($0, /sha256:[0-9a-f]+/); d = substr($0, RSTART, RLENGTH)
      match($0, /HTTP[^"]*" (200|206) [0-9]+/); split(substr($0, RSTART, RLENGTH), f, " ")
      all += f[3]; if (d in layer) bytes += f[3] }
    END { printf "%d %d\n", bytes, all }'
}

# create_repository NAME: creates an ECR repository through the emulator (already there: fine). Jib pushes into
# existing repositories only, as with ECR, where a push into a repository never created is refused.
create_repository() {
  curl -sS -o /dev/null -X POST -H 'Content-Type: application/x-amz-json-1.1' \
    -H 'X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.CreateRepository' \
    -d "{\"repositoryName\":\"$1\"}" "$EMULATOR_ENDPOINT/"
}

# run TOOL SCENARIO INDEX: times one mvn process and appends a line to results.tsv (INDEX 0 = warm-up)
run() {
  local tool=$1 scenario=$2 index=$3
  prepare "$tool" "$scenario"
  if [ "$scenario" = cold ]; then COLD=$((COLD + 1)); fi
  local args; args=$(command_of "$tool" "$scenario")
  if [ "$tool" = jib ]; then
    create_repository "$(sed -n 's|.*-Djib.to.image=[^/]*/\([^: ]*\):.*|\1|p' <<< "$args")"
  fi
  local name="$scenario-$tool-$index" lines; lines=$(wc -l < "$REGISTRY_LOG")
  local start end
  start=$(date +%s%N)
  # shellcheck disable=SC2086
  if ! (cd "$WORK/$tool/example" && /usr/bin/time -v -o "$WORK/runs/$name.time" "$MVN" -B -s "$WORK/settings.xml" \
        -Dmaven.repo.local="$M2" $args > "$WORK/runs/$name.log" 2>&1); then
    echo "FAILED: $tool $scenario run $index; log $WORK/runs/$name.log:" >&2; tail -30 "$WORK/runs/$name.log" >&2
    exit 1
  fi
  end=$(date +%s%N)
  sleep 0.3 # the registry writes its access log line after the response
  local rss; rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/runs/$name.time")
  local cpu; cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%d", s * 1000 }' "$WORK/runs/$name.time")
  local upload; upload=$(uploaded_since "$lines")
  local downloaded; downloaded=$(downloaded_since "$lines")
  local reported=-
  if [ "$tool" = ecr-deploy ]; then reported=$(jq -r .bytesUploaded "$WORK/$tool/example/target/ecr-deploy/push.json"); fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$scenario" "$tool" "$index" "$(((end - start) / 1000000))" "$rss" \
    "${upload// /$'\t'}" "$reported" "$cpu" "${downloaded// /$'\t'}" >> "$WORK/results.tsv"
  log "$scenario $tool #$index: $(((end - start) / 1000000)) ms, CPU $cpu ms, RSS ${rss} kB, uploaded (bytes blobs mounts manifests) $upload, downloaded from $BASE_REPOSITORY (layers, all blobs) $downloaded bytes"
}

printf 'scenario\ttool\trun\tmillis\tmaxRssKb\tbytesUploaded\tblobsUploaded\tblobsMounted\tmanifestsPut\tpushJsonBytes\tcpuMillis\tbaseBytesDownloaded\tbaseBlobBytesDownloaded\n' \
  > "$WORK/results.tsv"

# The first push of each tool (and the download of every artifact) is outside the measurements.
log "initial build and push of each tool"
run ecr-deploy initial 0
run jib initial 0
run bare initial 0

# --- reactor: 20 image modules, -T 1 against -T 2 ---------------------------------------------------------------------
REACTOR_MODULES=20
# reactor_run THREADS INDEX: one timed `mvn -T THREADS package` of the reactor (build + push of every module)
reactor_run() {
  local threads=$1 index=$2 name="reactor-T$1-$2" start end
  curl -fsS -X POST "$EMULATOR_ENDPOINT/_emulator/calls/clear" > /dev/null
  start=$(date +%s%N)
  if ! (cd "$WORK/reactor" && /usr/bin/time -v -o "$WORK/runs/$name.time" "$MVN" -B -T "$threads" \
        -s "$WORK/settings.xml" -Dmaven.repo.local="$M2" package -Dreactor.repositoryPrefix=bench/reactor \
        > "$WORK/runs/$name.log" 2>&1); then
    echo "FAILED: reactor -T $threads run $index; log $WORK/runs/$name.log:" >&2; tail -30 "$WORK/runs/$name.log" >&2
    exit 1
  fi
  end=$(date +%s%N)
  local tokens pushed rss cpu
  tokens=$(curl -fsS "$EMULATOR_ENDPOINT/_emulator/calls?operation=GetAuthorizationToken" | jq length)
  pushed=$(grep -c '^\[INFO\] Pushed ' "$WORK/runs/$name.log" || true)
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/runs/$name.time")
  cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%d", s * 1000 }' "$WORK/runs/$name.time")
  printf 'reactor\t-T%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$threads" "$index" "$(((end - start) / 1000000))" "$rss" "$cpu" \
    "$pushed" "$tokens" >> "$WORK/reactor.tsv"
  log "reactor -T $threads #$index: $(((end - start) / 1000000)) ms, CPU $cpu ms, RSS $rss kB, $pushed images pushed, $tokens GetAuthorizationToken"
}
run_reactor() {
  "$ROOT/src/bench/reactor/generate.sh" "$WORK/reactor" "$REACTOR_MODULES" "$BASE_IMAGE" "$EMULATOR_ENDPOINT" \
    "$PLUGIN_VERSION"
  printf 'scenario\tthreads\trun\tmillis\tmaxRssKb\tcpuMillis\timagesPushed\ttokenCalls\n' > "$WORK/reactor.tsv"
  reactor_run 1 0 # warm-up: creates the repositories and pushes the first images
  local runs=$((RUNS < 3 ? RUNS : 3)) i threads
  for i in $(seq 1 "$runs"); do
    for threads in $([ $((i % 2)) -eq 1 ] && echo "2 1" || echo "1 2"); do
      # a code change in every module, so that every run builds and pushes 20 new images
      sed -i "s/capitalize(\"[^\"]*\")/capitalize(\"m-$i-$threads\")/" "$WORK"/reactor/m*/src/main/java/bench/*/Main.java
      reactor_run "$threads" "$i"
    done
  done
}

# --- bigdep: a 1 GiB dependency jar with MAVEN_OPTS=-Xmx256m ------------------------------------------------------------
run_bigdep() {
  local dir="$WORK/big" jar
  jar="$dir/big-1.0.jar"
  mkdir -p "$dir/content"
  log "writing a 1 GiB dependency jar of random (incompressible) bytes"
  head -c 1073741824 /dev/urandom > "$dir/content/random.bin"
  (cd "$dir/content" && jar --create --no-compress --file "$jar" random.bin)
  rm -f "$dir/content/random.bin"
  "$MVN" -B -q -s "$WORK/settings.xml" -Dmaven.repo.local="$M2" install:install-file -Dfile="$jar" \
    -DgroupId=bench -DartifactId=big -Dversion=1.0 -Dpackaging=jar > /dev/null
  rm -f "$jar"
  rm -rf "$WORK/ecr-deploy-big"
  mkdir -p "$WORK/ecr-deploy-big"
  cp -r "$WORK/ecr-deploy/example" "$WORK/ecr-deploy-big/example"
  rm -rf "$WORK/ecr-deploy-big/example/target"
  sed -i 's:</dependencies>:  <dependency><groupId>bench</groupId><artifactId>big</artifactId><version>1.0</version></dependency>\n  </dependencies>:' \
    "$WORK/ecr-deploy-big/example/pom.xml"
  local saved=$MAVEN_OPTS
  export MAVEN_OPTS="$MAVEN_OPTS -Xmx256m"
  run ecr-deploy-big bigdep 1
  export MAVEN_OPTS=$saved
  local uploaded; uploaded=$(jq .bytesUploaded "$WORK/ecr-deploy-big/example/target/ecr-deploy/push.json")
  log "bigdep: pushed with -Xmx256m, push.json bytesUploaded $uploaded"
  rm -rf "$WORK/ecr-deploy-big/example/target" "$M2/bench/big"
}

for scenario in ${SCENARIOS//,/ }; do
  case "$scenario" in
    nochange|code|deps|cold|freshci) ;;
    reactor) run_reactor; continue ;;
    bigdep) run_bigdep; continue ;;
    *) echo "unknown scenario $scenario" >&2; exit 2 ;;
  esac
  for i in $(seq 0 "$RUNS"); do
    # alternate who goes first, so neither always runs on a machine warmed by the other
    if [ $((i % 2)) -eq 0 ]; then run ecr-deploy "$scenario" "$i"; run jib "$scenario" "$i"
    else run jib "$scenario" "$i"; run ecr-deploy "$scenario" "$i"; fi
    # bare Maven right after the tools, so that all three see the same load on the machine
    case "$scenario" in
      nochange) run bare bare "$i" ;;
      code) run bare bare-code "$i" ;;
    esac
  done
done

# --- image sizes ----------------------------------------------------------------------------------------------------------
image_size() { # compressed size of config + layers of REPOSITORY:1.0.0 in the registry
  skopeo inspect --raw --cert-dir "$WORK/testbed/registry/certs" --creds AWS:ecr-deploy-it-password \
    "docker://$REGISTRY/$1:1.0.0" | jq '[.layers[].size] | add'
}
{
  echo "ecr-deploy	$(image_size bench/ecr-deploy)"
  echo "jib	$(image_size bench/jib)"
} > "$WORK/image-sizes.tsv"

"$ROOT/src/bench/report.sh" "$WORK" "$RUNS" > "$WORK/report.md"
cat "$WORK/report.md"
