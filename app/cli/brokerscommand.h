#pragma once

#include <QStringList>

namespace cli {

// `kafkadesk brokers -b SERVERS [-X PROPERTY=VALUE]...`: one broker per
// line, tab-separated: id, host:port, rack ('-' for none, 'unknown' when it
// cannot be read) and 'controller' or '-'. Returns 0, 1 when the cluster
// cannot be reached, 2 for bad arguments.
int runBrokers(const QStringList &arguments);

} // namespace cli
