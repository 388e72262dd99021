#pragma once

#include <QStringList>

namespace cli {

// `kafkadesk consume -b SERVERS -t TOPIC[,TOPIC...] [-g GROUP]
//  [--from earliest|latest|OFFSET|@EPOCH_MS] [-n COUNT] [--timeout-ms MS]
//  [--format text|json] [-X PROPERTY=VALUE]...`: prints consumed messages on
// stdout. Stops after COUNT messages, after MS without a new one, or on
// SIGINT/SIGTERM, committing in group mode (exit 0). Returns 1 when the
// cluster or a topic cannot be reached or consuming fails (an offset out of
// range), 2 for bad arguments.
int runConsume(const QStringList &arguments);

} // namespace cli
