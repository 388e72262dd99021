#pragma once

#include <QStringList>

namespace cli {

// `kafkadesk sandbox [--brokers N] [--topic NAME:PARTITIONS[:RF]]...`:
// runs the built-in sandbox cluster headless, prints
// "bootstrap: host:port,..." on stdout and serves until SIGINT or SIGTERM.
// Returns the process exit code: 0 after a signal, 2 for bad arguments,
// 1 when the sandbox cannot start. Needs a running QCoreApplication.
int runSandbox(const QStringList &arguments);

} // namespace cli
