#!/usr/bin/env bash
# A real Apache Kafka cluster on 127.0.0.1, from Kafka's own jars on Maven
# Central (no Docker, no tarball): for Kafka Desk's tests, and for anyone who
# wants a real broker to point the app at.
#
#   kafka-cluster.sh start [--nodes 1|3] [--zookeeper] [--security] [--kafka 4.1|3.9] [--port-base N]
#   kafka-cluster.sh kill|pause|resume|restart NODE [--port-base N]
#   kafka-cluster.sh status [--port-base N]
#   kafka-cluster.sh stop [--port-base N]
#
# start: fetches the pinned jars once (scripts/kafka-cluster/*.pom.xml, kept
#   in ~/.cache/kafkadesk and ~/.m2), formats fresh storage in a temp folder,
#   starts the nodes, waits until every one serves clients and prints
#   "bootstrap: 127.0.0.1:P1,..." on stdout.
#   Default: 3 combined (broker + controller) KRaft nodes of Kafka 4.1.
#   --zookeeper: the seed's topology instead, one ZooKeeper server and one
#   Kafka 3.9 broker in ZooKeeper mode.
#   --kafka 3.9: KRaft nodes of Kafka 3.9 instead of 4.1 (the jars of
#   --zookeeper). librdkafka before 2.6.1 (Debian 12 has 2.0.2) cannot log
#   in with SCRAM to Kafka 4.0 or newer (it repeats its nonce, which 4.x
#   refuses: librdkafka #4895), so a --security cluster whose SCRAM listener
#   such a client must use runs Kafka 3.9.
#   --security (KRaft only): secured listeners besides the PLAINTEXT one, for
#   testing SASL and TLS clients. openssl makes, in the cluster's folder, a
#   CA, a broker certificate for IP:127.0.0.1 only (so that connecting by the
#   name "localhost" is a host-name mismatch) and a client certificate
#   (CN=the test user) with its key. Listeners: SASL_SSL with SCRAM-SHA-512
#   (the user created at format time), SASL_PLAINTEXT with PLAIN and
#   OAUTHBEARER (Kafka's unsecured JWT validator: test brokers only), SSL
#   with a required client certificate (its CN is the principal), and a
#   PLAINTEXT listener that advertises a name that never resolves
#   (unreachable.invalid), as a cluster behind NAT or in Docker does when
#   misconfigured. The test user is a super user. start and status then
#   also print:
#     sasl_ssl: HOST:PORT,...        (SCRAM-SHA-512)
#     sasl_plaintext: HOST:PORT,...  (PLAIN, OAUTHBEARER)
#     ssl: HOST:PORT,...             (client certificates)
#     ca: PATH
#     client-cert: CERT_PATH KEY_PATH
#     user: NAME PASSWORD            (for SCRAM-SHA-512 and PLAIN)
#     misadvertised: HOST:PORT,...   (reachable; advertises unreachable.invalid)
# Ports, from the port base B (default 19092): node N's clients at B+N-1 and
#   its controller at B+10+N-1; with --security its SASL_SSL listener at
#   B+20+N-1, SASL_PLAINTEXT at B+30+N-1, SSL at B+40+N-1, the misadvertised
#   one at B+50+N-1; with --zookeeper the broker at B, ZooKeeper at B+10.
# kill (SIGKILL), pause (SIGSTOP), resume (SIGCONT), restart (end it if it is
#   running, start it again on the same data, wait until it serves): one node,
#   for fault tests. stop: every node at once (SIGTERM, SIGKILL after
#   KAFKA_CLUSTER_STOP_SECONDS, 30 by default) and the temp folder goes.
# Several clusters can run at once on different port bases; --port-base
# names the one a subcommand acts on. Exit: 0 done, 1 failed (one line on
# stderr says why), 2 bad usage.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
conf_dir=$here/kafka-cluster
cache_dir=${KAFKADESK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kafkadesk}
ready_seconds=${KAFKA_CLUSTER_READY_SECONDS:-120}
stop_seconds=${KAFKA_CLUSTER_STOP_SECONDS:-30}

die() { echo "kafka-cluster: $*" >&2; exit 1; }
usage() {
    echo "kafka-cluster: $*" >&2
    echo "usage: kafka-cluster.sh start [--nodes 1|3] [--zookeeper] [--security] [--kafka 4.1|3.9] [--port-base N] | kill|pause|resume|restart NODE [--port-base N] | status|stop [--port-base N]" >&2
    exit 2
}
say() { echo "kafka-cluster: $*" >&2; }

# --- arguments --------------------------------------------------------------
command=${1:-}
[ -n "$command" ] || usage "no subcommand"
shift
nodes=3
zookeeper=0
security=0
kafka_version=4.1
port_base=19092
node=""
while [ $# -gt 0 ]; do
    case "$1" in
    --nodes)
        [ "$command" = start ] || usage "--nodes is for start"
        [ $# -ge 2 ] || usage "--nodes needs 1 or 3"
        case "$2" in 1 | 3) nodes=$2 ;; *) usage "--nodes takes 1 or 3, not '$2'" ;; esac
        shift 2 ;;
    --zookeeper)
        [ "$command" = start ] || usage "--zookeeper is for start"
        zookeeper=1
        shift ;;
    --security)
        [ "$command" = start ] || usage "--security is for start"
        security=1
        shift ;;
    --kafka)
        [ "$command" = start ] || usage "--kafka is for start"
        [ $# -ge 2 ] || usage "--kafka needs 4.1 or 3.9"
        case "$2" in 4.1 | 3.9) kafka_version=$2 ;; *) usage "--kafka takes 4.1 or 3.9, not '$2'" ;; esac
        shift 2 ;;
    --port-base)
        [ $# -ge 2 ] || usage "--port-base needs a number"
        [[ "$2" =~ ^[0-9]+$ ]] && [ "$2" -ge 1024 ] && [ "$2" -le 65500 ] ||
            usage "--port-base takes a port from 1024 to 65500, not '$2'"
        port_base=$2
        shift 2 ;;
    -*) usage "unknown option '$1'" ;;
    *)
        case "$command" in kill | pause | resume | restart) ;; *) usage "unexpected argument '$1'" ;; esac
        [ -z "$node" ] || usage "one node at a time"
        [[ "$1" =~ ^[1-9]$ ]] || usage "NODE is a node number such as 1, not '$1'"
        node=$1
        shift ;;
    esac
done
case "$command" in
start | stop | status) ;;
kill | pause | resume | restart) [ -n "$node" ] || usage "$command needs a NODE number" ;;
*) usage "unknown subcommand '$command'" ;;
esac
if [ "$zookeeper" = 1 ]; then nodes=1; kafka_version=3.9; fi
[ "$zookeeper" = 0 ] || [ "$security" = 0 ] || usage "--security is for KRaft clusters, not with --zookeeper"

# One folder per port base: a fresh temp folder that start makes and stop removes.
state_dir=${TMPDIR:-/tmp}/kafkadesk-cluster-$port_base

# --- processes ----------------------------------------------------------------
# A process counts as alive unless it is gone or a zombie (a container's pid 1
# may never reap it).
alive() {
    local stat
    stat=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
    [[ "$stat" != Z* ]]
}
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
node_pid() { cat "$state_dir/$1/pid" 2>/dev/null || true; }

# Starts a JVM in its own session (so a terminal's Ctrl+C or CTest ending
# does not reach it) with its output in its folder; records its pid.
launch() {
    local dir=$1 main=$2
    shift 2
    local lib log_opts
    lib=$(cat "$state_dir/lib")
    # Kafka 4.x logs through log4j2, 3.9 through reload4j (log4j 1).
    if [ "$(cat "$state_dir/kafka")" = 4.1 ]; then
        log_opts=(-Dlog4j2.configurationFile="$conf_dir/log4j2.properties")
    else
        log_opts=(-Dlog4j.configuration="file:$conf_dir/log4j.properties")
    fi
    setsid java -Xms256m -Xmx512m -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
        -Dkafka.log.file="$dir/server.log" "${log_opts[@]}" -cp "$lib/*" "$main" "$@" \
        >"$dir/stdout.log" 2>&1 </dev/null &
    echo $! >"$dir/pid"
}

# The line that best says why a process failed to start.
why_failed() {
    local dir=$1 line
    line=$(grep -hE 'ERROR|FATAL|Exception|Error:' "$dir/stdout.log" "$dir/server.log" 2>/dev/null | head -1 || true)
    [ -n "$line" ] || line=$(tail -n1 "$dir/stdout.log" 2>/dev/null || true)
    echo "${line:-no error logged}"
}

# Waits until a process serves on its port. On failure, `start` ends the
# whole cluster; `restart` leaves the other nodes running and the logs in place.
wait_for_port() { # NAME DIR PORT
    local name=$1 dir=$2 port=$3 deadline=$((SECONDS + ready_seconds)) why=""
    until port_open "$port"; do
        alive "$(node_pid "$(basename "$dir")")" ||
            why="$name exited while starting: $(why_failed "$dir") (see $dir/server.log and $dir/stdout.log)"
        [ -n "$why" ] || [ $SECONDS -lt $deadline ] || why="$name did not serve on 127.0.0.1:$port within ${ready_seconds} s"
        if [ -n "$why" ]; then
            [ "$command" = start ] && stop_all >/dev/null 2>&1
            die "$why"
        fi
        sleep 0.2
    done
}

# Every process of the cluster: SIGCONT (a paused one cannot stop), SIGTERM
# to all at once (stopping KRaft nodes one by one leaves the last without a
# quorum), SIGKILL after the bound.
stop_all() {
    local pids=() pid f
    for f in "$state_dir"/*/pid; do
        [ -f "$f" ] || continue
        pid=$(cat "$f")
        alive "$pid" && pids+=("$pid")
    done
    if [ ${#pids[@]} -gt 0 ]; then
        kill -CONT "${pids[@]}" 2>/dev/null || true
        kill -TERM "${pids[@]}" 2>/dev/null || true
        local deadline=$((SECONDS + stop_seconds)) left
        while :; do
            left=()
            for pid in "${pids[@]}"; do alive "$pid" && left+=("$pid"); done
            [ ${#left[@]} -eq 0 ] && break
            if [ $SECONDS -ge $deadline ]; then
                say "SIGKILL for ${#left[@]} process(es) still running after ${stop_seconds} s"
                kill -KILL "${left[@]}" 2>/dev/null || true
                break
            fi
            sleep 0.2
        done
    fi
    rm -rf "$state_dir"
}

# --- jars ---------------------------------------------------------------------
# Copies a pom's runtime dependencies into a cache folder named after the
# pom's content, once; prints the folder.
fetch_jars() {
    local pom=$1 sum dir
    command -v mvn >/dev/null || die "Maven (mvn) is needed to fetch the broker jars; scripts/deps.sh installs it"
    sum=$(sha256sum "$pom" | cut -c1-12)
    dir=$cache_dir/jars/$(basename "$pom" .pom.xml)-$sum
    if [ ! -f "$dir/.complete" ]; then
        say "fetching the broker jars ($(basename "$pom")) from Maven Central once, into $dir"
        rm -rf "$dir.part"
        mkdir -p "$cache_dir/jars"
        local log=$cache_dir/jars/mvn.log
        if ! mvn -B -q -Dstyle.color=never -f "$pom" \
            org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
            -DincludeScope=runtime -DoutputDirectory="$dir.part" >"$log" 2>&1; then
            local why
            why=$(grep -m1 -E '^\[FATAL\]' "$log" || grep -m1 -E '^\[ERROR\] .{20,}' "$log" || tail -1 "$log")
            die "cannot fetch the broker jars from Maven Central: ${why:0:300} (full log: $log)"
        fi
        rm -rf "$dir"
        mv "$dir.part" "$dir"
        touch "$dir/.complete"
    fi
    echo "$dir"
}

check_java() {
    command -v java >/dev/null || die "Java 17 or newer is needed (scripts/deps.sh installs openjdk-17-jre-headless)"
    local version
    version=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    [ "${version%%.*}" -ge 17 ] 2>/dev/null || die "Java 17 or newer is needed; 'java' here is version ${version:-unknown}"
}

# --- configuration ----------------------------------------------------------
# For every broker: small and quick for a laptop or a test run.
common_properties() {
    cat <<EOF
offsets.topic.num.partitions=10
group.initial.rebalance.delay.ms=0
log.cleaner.dedupe.buffer.size=1048577
num.network.threads=2
num.io.threads=4
# Up to 10 MB per message, so a test of the sandbox's 5 MB limit runs here too.
message.max.bytes=10485760
EOF
}

# --security: each secured listener's port offset from the client port, by
# its listener name (which is also its security protocol).
secure_listeners=(SASL_SSL:20 SASL_PLAINTEXT:30 SSL:40 MISADVERTISED:50)
secure_port() { # LISTENER NODE
    local entry
    for entry in "${secure_listeners[@]}"; do
        [ "${entry%%:*}" != "$1" ] || echo $((port_base + ${entry#*:} + $2 - 1))
    done
}

# --security: the CA, the broker's keystore (PKCS12, which Kafka reads as
# is) and the client's certificate and key (PEM, which librdkafka reads),
# all in $state_dir/tls; the test user and its random password.
make_certificates() {
    command -v openssl >/dev/null || die "openssl is needed for --security (Debian package openssl)"
    local tls=$state_dir/tls
    mkdir -p "$tls"
    local user=kafkadesk password store_password
    password=$(openssl rand -hex 12)
    store_password=$(openssl rand -hex 12)
    (
        set -e
        cd "$tls"
        openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 30 \
            -subj "/CN=Kafka Desk test CA $port_base" -addext basicConstraints=critical,CA:TRUE \
            -addext keyUsage=critical,keyCertSign,cRLSign
        openssl req -newkey rsa:2048 -nodes -keyout broker.key -out broker.csr -subj "/CN=Kafka Desk test broker"
        printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >broker.ext
        openssl x509 -req -in broker.csr -CA ca.pem -CAkey ca.key -set_serial "0x$(openssl rand -hex 8)" \
            -days 30 -extfile broker.ext -out broker.pem
        openssl pkcs12 -export -in broker.pem -inkey broker.key -certfile ca.pem -name broker \
            -passout "pass:$store_password" -out broker.p12
        openssl req -newkey rsa:2048 -nodes -keyout client.key -out client.csr -subj "/CN=$user"
        printf 'extendedKeyUsage=clientAuth\n' >client.ext
        openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -set_serial "0x$(openssl rand -hex 8)" \
            -days 30 -extfile client.ext -out client.pem
    ) >"$tls/openssl.log" 2>&1 || die "openssl failed to make the test certificates: $(tail -1 "$tls/openssl.log")"
    printf '%s\n' "$user" "$password" "$store_password" >"$tls/secrets"
}

# The lines start and status print for a --security cluster.
security_lines() {
    local user password name list i
    { read -r user; read -r password; } <"$state_dir/tls/secrets"
    for name in SASL_SSL SASL_PLAINTEXT SSL; do
        list=""
        for ((i = 1; i <= $(cat "$state_dir/nodes"); i++)); do list+="${list:+,}127.0.0.1:$(secure_port "$name" "$i")"; done
        echo "${name,,}: $list"
    done
    echo "ca: $state_dir/tls/ca.pem"
    echo "client-cert: $state_dir/tls/client.pem $state_dir/tls/client.key"
    echo "user: $user $password"
    list=""
    for ((i = 1; i <= $(cat "$state_dir/nodes"); i++)); do list+="${list:+,}127.0.0.1:$(secure_port MISADVERTISED "$i")"; done
    echo "misadvertised: $list"
}

# The secured listeners of node N, for --security.
security_properties() { # NODE
    local n=$1 tls=$state_dir/tls user password store_password
    { read -r user; read -r password; read -r store_password; } <"$tls/secrets"
    local sasl_ssl sasl_plaintext ssl misadvertised
    sasl_ssl=$(secure_port SASL_SSL "$n")
    sasl_plaintext=$(secure_port SASL_PLAINTEXT "$n")
    ssl=$(secure_port SSL "$n")
    misadvertised=$(secure_port MISADVERTISED "$n")
    cat <<END
listeners=PLAINTEXT://127.0.0.1:$((port_base + n - 1)),CONTROLLER://127.0.0.1:$((port_base + 10 + n - 1)),SASL_SSL://127.0.0.1:$sasl_ssl,SASL_PLAINTEXT://127.0.0.1:$sasl_plaintext,SSL://127.0.0.1:$ssl,MISADVERTISED://127.0.0.1:$misadvertised
advertised.listeners=PLAINTEXT://127.0.0.1:$((port_base + n - 1)),SASL_SSL://127.0.0.1:$sasl_ssl,SASL_PLAINTEXT://127.0.0.1:$sasl_plaintext,SSL://127.0.0.1:$ssl,MISADVERTISED://unreachable.invalid:$misadvertised
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_SSL:SASL_SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SSL:SSL,MISADVERTISED:PLAINTEXT
ssl.keystore.type=PKCS12
ssl.keystore.location=$tls/broker.p12
ssl.keystore.password=$store_password
ssl.key.password=$store_password
ssl.truststore.type=PEM
ssl.truststore.location=$tls/ca.pem
listener.name.ssl.ssl.client.auth=required
# A client certificate's principal is its CN (CN=$user: User:$user).
ssl.principal.mapping.rules=RULE:^CN=([^,]*)\$/\$1/,DEFAULT
listener.name.sasl_ssl.sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_plaintext.sasl.enabled.mechanisms=PLAIN,OAUTHBEARER
listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_$user="$password";
# No validator configured: Kafka's unsecured JWT validator, which takes any
# token without a signature (alg "none"). For test brokers only.
listener.name.sasl_plaintext.oauthbearer.sasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required unsecuredLoginStringClaim_sub="$user";
super.users=User:ANONYMOUS;User:$user
END
}

kraft_properties() { # NODE
    local n=$1 voters="" i
    for ((i = 1; i <= nodes; i++)); do voters+="${voters:+,}$i@127.0.0.1:$((port_base + 10 + i - 1))"; done
    local rf=$nodes min_isr=$((nodes == 3 ? 2 : 1))
    cat <<EOF
process.roles=broker,controller
node.id=$n
controller.quorum.voters=$voters
listeners=PLAINTEXT://127.0.0.1:$((port_base + n - 1)),CONTROLLER://127.0.0.1:$((port_base + 10 + n - 1))
advertised.listeners=PLAINTEXT://127.0.0.1:$((port_base + n - 1))
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$state_dir/$n/data
default.replication.factor=$rf
min.insync.replicas=$min_isr
offsets.topic.replication.factor=$rf
transaction.state.log.replication.factor=$rf
transaction.state.log.min.isr=$min_isr
share.coordinator.state.topic.replication.factor=$rf
share.coordinator.state.topic.min.isr=$min_isr
# ACLs on, so that they can be listed, created and deleted (kafkadesk acls).
# Every connection here is PLAINTEXT, whose principal is User:ANONYMOUS: the
# brokers, the controllers and the tests. As a super user it passes every
# check, and a resource without ACLs stays open to anyone else.
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:ANONYMOUS
allow.everyone.if.no.acl.found=true
EOF
    common_properties
    # Later lines win in a properties file: these replace the listeners and super users above.
    [ ! -f "$state_dir/tls/secrets" ] || security_properties "$n"
}

zookeeper_broker_properties() {
    cat <<EOF
broker.id=1
zookeeper.connect=127.0.0.1:$((port_base + 10))
listeners=PLAINTEXT://127.0.0.1:$port_base
advertised.listeners=PLAINTEXT://127.0.0.1:$port_base
log.dirs=$state_dir/1/data
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
EOF
    common_properties
}

zookeeper_properties() {
    cat <<EOF
dataDir=$state_dir/zookeeper/data
clientPort=$((port_base + 10))
clientPortAddress=127.0.0.1
admin.enableServer=false
tickTime=2000
maxClientCnxns=0
EOF
}

start_node() { # NODE: starts the broker of that node from its folder
    local n=$1
    launch "$state_dir/$n" kafka.Kafka "$state_dir/$n/server.properties"
}

bootstrap() {
    local list="" i
    for ((i = 1; i <= $(cat "$state_dir/nodes"); i++)); do list+="${list:+,}127.0.0.1:$((port_base + i - 1))"; done
    echo "$list"
}

# Ready: every broker's client port is open and the cluster's metadata lists
# them all (kcat, when installed, asks).
wait_until_serving() {
    local count i
    count=$(cat "$state_dir/nodes")
    for ((i = 1; i <= count; i++)); do wait_for_port "node $i" "$state_dir/$i" $((port_base + i - 1)); done
    if [ -f "$state_dir/tls/secrets" ]; then
        local name
        for ((i = 1; i <= count; i++)); do
            for name in SASL_SSL SASL_PLAINTEXT SSL MISADVERTISED; do
                wait_for_port "node $i ($name)" "$state_dir/$i" "$(secure_port "$name" "$i")"
            done
        done
    fi
    command -v kcat >/dev/null || return 0
    local deadline=$((SECONDS + ready_seconds))
    until kcat -b "$(bootstrap)" -L -m 5 2>/dev/null | grep -q "^ *$count brokers:"; do
        [ $SECONDS -lt $deadline ] ||
            { stop_all >/dev/null 2>&1; die "the brokers did not all show in the cluster's metadata within ${ready_seconds} s"; }
        sleep 0.3
    done
}

# --- subcommands --------------------------------------------------------------
start() {
    if [ -d "$state_dir" ]; then
        local f
        for f in "$state_dir"/*/pid; do
            [ -f "$f" ] && alive "$(cat "$f")" &&
                die "a cluster already runs on port base $port_base ($state_dir); stop it first or pick another --port-base"
        done
        rm -rf "$state_dir"
    fi
    check_java
    local ports=() i
    for ((i = 0; i < nodes; i++)); do
        ports+=($((port_base + i)) $((port_base + 10 + i)))
        if [ "$security" = 1 ]; then
            ports+=("$(secure_port SASL_SSL $((i + 1)))" "$(secure_port SASL_PLAINTEXT $((i + 1)))" "$(secure_port SSL $((i + 1)))"
                "$(secure_port MISADVERTISED $((i + 1)))")
        fi
    done
    for i in "${ports[@]}"; do
        port_open "$i" && die "port $i on 127.0.0.1 is taken; pick another --port-base"
    done
    # A client reconnecting to a killed node can be given that node's port as
    # its own ephemeral source port and connect to itself (TCP simultaneous
    # open); the node then cannot bind its port again. Keep clear of the range.
    local low high top=$((port_base + (security ? 52 : 12)))
    if read -r low high </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null &&
        [ "$top" -ge "$low" ] && [ "$port_base" -le "$high" ]; then
        say "warning: ports $port_base-$top lie in the ephemeral port range $low-$high; a restarted node may find its port taken"
    fi
    local pom=$conf_dir/kraft-4.pom.xml
    [ "$kafka_version" = 3.9 ] && pom=$conf_dir/zookeeper-3.9.pom.xml
    local lib
    lib=$(fetch_jars "$pom")

    mkdir -p "$state_dir"
    echo "$lib" >"$state_dir/lib"
    echo "$nodes" >"$state_dir/nodes"
    echo "$kafka_version" >"$state_dir/kafka"
    local started=$SECONDS
    if [ "$zookeeper" = 1 ]; then
        echo zookeeper >"$state_dir/mode"
        mkdir -p "$state_dir/zookeeper/data" "$state_dir/1/data"
        zookeeper_properties >"$state_dir/zookeeper/zookeeper.properties"
        zookeeper_broker_properties >"$state_dir/1/server.properties"
        launch "$state_dir/zookeeper" org.apache.zookeeper.server.quorum.QuorumPeerMain \
            "$state_dir/zookeeper/zookeeper.properties"
        wait_for_port zookeeper "$state_dir/zookeeper" $((port_base + 10))
        start_node 1
    else
        echo kraft >"$state_dir/mode"
        # A Kafka cluster id: 16 random bytes, URL-safe base64 without padding.
        local cluster_id scram=()
        cluster_id=$(head -c16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
        if [ "$security" = 1 ]; then
            make_certificates
            local user password
            { read -r user; read -r password; } <"$state_dir/tls/secrets"
            # The SCRAM user, in the cluster's metadata from the start.
            scram=(--add-scram "SCRAM-SHA-512=[name=\"$user\",password=\"$password\"]")
        fi
        format_nodes() {
            for ((i = 1; i <= nodes; i++)); do
                rm -rf "$state_dir/$i"
                mkdir -p "$state_dir/$i/data"
                kraft_properties "$i" >"$state_dir/$i/server.properties"
                (java -cp "$lib/*" -Dlog4j2.configurationFile="$conf_dir/log4j2.properties" \
                    -Dlog4j.configuration="file:$conf_dir/log4j.properties" \
                    -Dkafka.log.file="$state_dir/$i/format.log" kafka.tools.StorageTool format \
                    -t "$cluster_id" -c "$state_dir/$i/server.properties" "${scram[@]}" >"$state_dir/$i/format.out" 2>&1 ||
                    echo failed >"$state_dir/$i/format.failed") &
            done
            wait
            for ((i = 1; i <= nodes; i++)); do
                if [ -f "$state_dir/$i/format.failed" ]; then
                    format_failure="formatting node $i's storage failed: $(tail -3 "$state_dir/$i/format.out" | tr '\n' ' ')"
                    return 1
                fi
            done
        }
        # CI saw one format fail with its reason lost (2026-11-26, the ASan
        # run's first start): said now, and tried once more before giving up.
        format_failure=""
        if ! format_nodes; then
            say "$format_failure; formatting again"
            format_nodes || { die_text=$format_failure; rm -rf "$state_dir"; die "$die_text"; }
        fi
        # All nodes before waiting: a node exits if no quorum forms within a minute.
        for ((i = 1; i <= nodes; i++)); do start_node "$i"; done
    fi
    wait_until_serving
    say "$(cat "$state_dir/mode") cluster (Kafka $kafka_version) of $nodes node(s) serving after $((SECONDS - started)) s; data and logs in $state_dir"
    echo "bootstrap: $(bootstrap)"
    [ ! -f "$state_dir/tls/secrets" ] || security_lines
}

require_cluster() {
    [ -f "$state_dir/mode" ] || die "no cluster runs on port base $port_base"
}

require_node() {
    require_cluster
    [ "$node" -le "$(cat "$state_dir/nodes")" ] || die "the cluster on port base $port_base has no node $node"
}

signal_node() { # SIGNAL WORD
    require_node
    local pid
    pid=$(node_pid "$node")
    alive "$pid" || die "node $node is not running"
    kill -"$1" "$pid"
    say "node $node $2"
}

restart_node() {
    require_node
    local pid deadline
    pid=$(node_pid "$node")
    if alive "$pid"; then
        kill -CONT "$pid" 2>/dev/null || true
        kill -TERM "$pid" 2>/dev/null || true
        deadline=$((SECONDS + stop_seconds))
        while alive "$pid"; do
            if [ $SECONDS -ge $deadline ]; then kill -KILL "$pid" 2>/dev/null || true; fi
            sleep 0.2
        done
    fi
    start_node "$node"
    wait_for_port "node $node" "$state_dir/$node" $((port_base + node - 1))
    say "node $node serves again on 127.0.0.1:$((port_base + node - 1))"
}

status() {
    require_cluster
    local i pid state
    echo "mode: $(cat "$state_dir/mode")"
    echo "kafka: $(cat "$state_dir/kafka")"
    echo "bootstrap: $(bootstrap)"
    [ ! -f "$state_dir/tls/secrets" ] || security_lines
    echo "data: $state_dir"
    echo "jars: $(cat "$state_dir/lib")"
    for ((i = 1; i <= $(cat "$state_dir/nodes"); i++)); do
        pid=$(node_pid "$i")
        state=stopped
        if alive "$pid"; then
            state=running
            [[ "$(ps -o stat= -p "$pid")" == T* ]] && state=paused
        fi
        echo "node $i: $state (pid ${pid:-none}, port $((port_base + i - 1)))"
    done
}

case "$command" in
start) start ;;
stop)
    if [ -d "$state_dir" ]; then stop_all; say "stopped the cluster on port base $port_base"; else say "no cluster runs on port base $port_base"; fi ;;
status) status ;;
kill) signal_node KILL "killed (SIGKILL)" ;;
pause) signal_node STOP "paused (SIGSTOP)" ;;
resume) signal_node CONT "resumed (SIGCONT)" ;;
restart) restart_node ;;
esac
