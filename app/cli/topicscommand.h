#pragma once

#include <QStringList>

namespace cli {

// `kafkadesk topics ACTION -b SERVERS [-X PROPERTY=VALUE]... [options]`:
//   list                                  name, partitions, replication factor
//   describe -t TOPIC                     each partition: leader, replicas, ISR, watermarks
//   create -t TOPIC [-p N] [-r RF] [-c NAME=VALUE]...
//   delete -t TOPIC --yes
//   add-partitions -t TOPIC --total N --yes
//   truncate -t TOPIC [-p PARTITION [--before OFFSET]] --yes
// The last three cannot be undone: without --yes they say what they would
// do and exit 2. Returns 0 on success, 1 when the cluster refuses or cannot
// be reached (the reason on stderr), 2 for bad arguments.
int runTopics(const QStringList &arguments);

} // namespace cli
