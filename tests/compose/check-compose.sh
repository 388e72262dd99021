#!/usr/bin/env bash
# Validates docker-compose.yml with docker-compose itself (`config` needs no
# Docker engine), with and without the zookeeper profile, and checks the
# resolved file describes what the README promises.
set -euo pipefail
compose=${1:?usage: check-compose.sh DOCKER_COMPOSE FILE}
file=${2:?usage: check-compose.sh DOCKER_COMPOSE FILE}
fail() { echo "FAIL: $*" >&2; exit 1; }

"$compose" -f "$file" config -q || fail "docker-compose rejects $file"
"$compose" -f "$file" --profile zookeeper config -q || fail "docker-compose rejects $file with --profile zookeeper"

# Debian's docker-compose runs on the system python, which has PyYAML.
"$compose" -f "$file" config | PROJECT_DIR="$(dirname "$file")" /usr/bin/python3 -c '
import sys, yaml
services = yaml.safe_load(sys.stdin)["services"]
def check(ok, what):
    if not ok:
        sys.exit("FAIL: " + what)
kraft = {n: s for n, s in services.items() if "profiles" not in s}
profiled = {n: s for n, s in services.items() if "profiles" in s}
check(sorted(kraft) == ["kafka-1", "kafka-2", "kafka-3"], "default services are %s" % sorted(kraft))
check(sorted(profiled) == ["kafka-zk", "zookeeper"], "profile services are %s" % sorted(profiled))
check(all(s["profiles"] == ["zookeeper"] for s in profiled.values()), "profile name is not zookeeper")
ports = []
for name, s in kraft.items():
    env = s["environment"]
    check(s["image"].startswith("apache/kafka:"), name + " does not use the official apache/kafka image")
    check(env["KAFKA_PROCESS_ROLES"] == "broker,controller", name + " is not in KRaft mode")
    check(str(env["KAFKA_DEFAULT_REPLICATION_FACTOR"]) == "3", name + " default replication factor is not 3")
    host = [l for l in env["KAFKA_ADVERTISED_LISTENERS"].split(",") if l.startswith("HOST://localhost:")]
    check(len(host) == 1, name + " advertises no localhost listener")
    port = int(host[0].rsplit(":", 1)[1])
    check(any(int(p["published"]) == port for p in s["ports"]), name + " does not publish port %d" % port)
    ports.append(port)
check(sorted(ports) == [9092, 9094, 9096], "host ports are %s" % sorted(ports))
check("KAFKA_ZOOKEEPER_CONNECT" in profiled["kafka-zk"]["environment"], "kafka-zk does not use ZooKeeper")
# The same Kafka versions the tests prove (scripts/kafka-cluster/*.pom.xml).
import re, os
poms = os.path.join(os.environ["PROJECT_DIR"], "scripts", "kafka-cluster")
def pinned(pom):
    text = open(os.path.join(poms, pom)).read()
    return re.search(r"<artifactId>kafka_2\.13</artifactId>\s*<version>([^<]+)</version>", text).group(1)
kraft_version = pinned("kraft-4.pom.xml")
for name, s in kraft.items():
    check(s["image"] == "apache/kafka:" + kraft_version, "%s runs %s, the tests prove Kafka %s" % (name, s["image"], kraft_version))
zk_version = pinned("zookeeper-3.9.pom.xml")
check(zk_version.startswith("3.9.") and profiled["kafka-zk"]["image"].startswith("confluentinc/cp-kafka:7.9."),
      "kafka-zk runs %s; Kafka %s is Confluent Platform 7.9" % (profiled["kafka-zk"]["image"], zk_version))
print("docker-compose.yml: valid; Kafka %s KRaft brokers on localhost:9092,9094,9096; zookeeper profile: kafka-zk, zookeeper" % kraft_version)
'
