#pragma once

#include "kafka/topicspec.h"

#include <QStringList>

#include <optional>

namespace cli {

// What `kafkadesk sandbox` was asked for: the topics checked against the
// broker count, the default topic when none was given.
struct SandboxOptions {
    int brokers = 3;
    QList<kafka::TopicSpec> topics;
};

// The options, or nothing with *exitCode set (help or a usage error,
// printed). Starts no sandbox, so that tests/fuzz drives it.
std::optional<SandboxOptions> parseSandboxOptions(const QStringList &arguments, int *exitCode);

// `kafkadesk sandbox [--brokers N] [--topic NAME:PARTITIONS[:RF]]...`:
// runs the built-in sandbox cluster headless, prints
// "bootstrap: host:port,..." on stdout and serves until SIGINT or SIGTERM.
// Returns the process exit code: 0 after a signal, 2 for bad arguments,
// 1 when the sandbox cannot start. Needs a running QCoreApplication.
int runSandbox(const QStringList &arguments);

} // namespace cli
