#!/usr/bin/env bash
# A real Confluent-compatible Schema Registry on 127.0.0.1 for the tests:
# Apicurio Registry 2.3.1 (in-memory storage), built once from Maven Central
# by scripts/schema-registry/pom.xml (see there for what is replaced and why).
#
#   schema-registry.sh start --port P
#   schema-registry.sh stop --port P
#
# start: builds the registry once (kept in ~/.cache/kafkadesk, keyed by the
#   project's content; Maven's own cache in ~/.m2), starts it on port P,
#   waits until it answers and prints
#     url: http://127.0.0.1:P/apis/ccompat/v6
#     user: kafkadesk PASSWORD
#   Every request to /apis needs that login (HTTP basic auth). The password
#   is KAFKADESK_REGISTRY_PASSWORD, or "kafkadesk-test" when that is unset.
# stop: SIGTERM, SIGKILL after 20 s; its folder goes.
# Exit: 0 done, 1 failed (one line on stderr says why), 2 bad usage.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
project=$here/schema-registry
cache_dir=${KAFKADESK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kafkadesk}
ready_seconds=${SCHEMA_REGISTRY_READY_SECONDS:-120}

die() { echo "schema-registry: $*" >&2; exit 1; }
say() { echo "schema-registry: $*" >&2; }
usage() { echo "usage: schema-registry.sh start|stop --port P" >&2; exit 2; }

[ $# -ge 1 ] || usage
command=$1; shift
port=
while [ $# -gt 0 ]; do
    case $1 in
        --port) [ $# -ge 2 ] || usage; port=$2; shift 2 ;;
        *) usage ;;
    esac
done
[[ $port =~ ^[0-9]+$ ]] || usage
state_dir=${TMPDIR:-/tmp}/kafkadesk-schema-registry-$port
password=${KAFKADESK_REGISTRY_PASSWORD:-kafkadesk-test}

# Builds the runnable jar once per content of the project; prints its path.
build() {
    command -v mvn >/dev/null || die "Maven (mvn) is needed to build the registry; scripts/deps.sh installs it"
    local sum dir log
    sum=$(cd "$project" && find . -type f | sort | xargs sha256sum | sha256sum | cut -c1-12)
    dir=$cache_dir/schema-registry-$sum
    if [ ! -f "$dir/.complete" ]; then
        say "building Apicurio Registry from Maven Central once, into $dir"
        rm -rf "$dir.part"
        mkdir -p "$dir.part"
        cp -r "$project"/. "$dir.part/"
        log=$dir.part/mvn.log
        if ! mvn -B -q -Dstyle.color=never -f "$dir.part/pom.xml" package -DskipTests >"$log" 2>&1; then
            local why
            why=$(grep -m1 -E '^\[ERROR\] .{20,}' "$log" || tail -1 "$log")
            die "cannot build the registry: ${why:0:400} (full log: $log)"
        fi
        rm -rf "$dir"
        mv "$dir.part" "$dir"
        touch "$dir/.complete"
    fi
    echo "$dir/target/test-schema-registry-1-runner.jar"
}

status_code() {
    curl -s -o /dev/null -m 2 -w '%{http_code}' "$@" "http://127.0.0.1:$port/apis/ccompat/v6/subjects" || true
}

start() {
    command -v java >/dev/null || die "Java 17 or newer is needed (scripts/deps.sh installs openjdk-17-jre-headless)"
    command -v curl >/dev/null || die "curl is needed to see the registry answer"
    if [ -f "$state_dir/pid" ] && kill -0 "$(cat "$state_dir/pid")" 2>/dev/null; then
        die "a registry already runs on port $port (pid $(cat "$state_dir/pid")); stop it first"
    fi
    [ "$(status_code)" = 000 ] || die "port $port is taken by something else"
    local jar
    jar=$(build)
    rm -rf "$state_dir"
    mkdir -p "$state_dir"
    KAFKADESK_REGISTRY_PASSWORD=$password nohup java -Xms64m -Xmx384m -XX:+UseSerialGC -Djava.awt.headless=true \
        -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" -jar "$jar" >"$state_dir/registry.log" 2>&1 &
    echo $! >"$state_dir/pid"
    local pid deadline=$((SECONDS + ready_seconds))
    pid=$(cat "$state_dir/pid")
    until [ "$(status_code -u "kafkadesk:$password")" = 200 ]; do
        if ! kill -0 "$pid" 2>/dev/null; then
            die "the registry exited while starting: $(grep -m1 -E 'ERROR|Exception' "$state_dir/registry.log" | cut -c1-300) (log: $state_dir/registry.log)"
        fi
        if [ $SECONDS -ge $deadline ]; then
            kill -9 "$pid" 2>/dev/null || true
            die "the registry did not answer within ${ready_seconds} s (log: $state_dir/registry.log)"
        fi
        sleep 0.3
    done
    echo "url: http://127.0.0.1:$port/apis/ccompat/v6"
    echo "user: kafkadesk $password"
}

stop() {
    local pid
    pid=$(cat "$state_dir/pid" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -rf "$state_dir"
}

case $command in
    start) start ;;
    stop) stop ;;
    *) usage ;;
esac
