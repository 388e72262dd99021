#!/usr/bin/env bash
# Makes (once) the Python venv the schema tests encode their data with:
# fastavro and protobuf from PyPI, pinned, independent of the C and C++
# libraries Kafka Desk decodes with. Usage: schema-test-env.sh DIR
# (the tests' CTest fixture passes a folder in the build directory).
# Needs python3-venv (scripts/deps.sh).
set -euo pipefail
dir=${1:?usage: schema-test-env.sh DIR}
requirements=(fastavro==1.13.1 protobuf==7.36.2)
stamp="$dir/.requirements"
if [ -x "$dir/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "${requirements[*]}" ]; then
  echo "schema-test-env: $dir ready"
  exit 0
fi
rm -rf "$dir"
python3 -m venv "$dir"
"$dir/bin/pip" install --quiet --disable-pip-version-check "${requirements[@]}"
echo "${requirements[*]}" > "$stamp"
echo "schema-test-env: made $dir with ${requirements[*]}"
