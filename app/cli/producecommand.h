#pragma once

#include <QStringList>

namespace cli {

// `kafkadesk produce -b SERVERS -t TOPIC [-k KEY] [-K SEP] [-H NAME=VALUE]...
//  [-p PARTITION] [-f FILE] [-X PROPERTY=VALUE]...`: one message per line of
// stdin (or FILE). Prints "delivered N, failed M" on stderr at the end.
// Returns 0 when every message was delivered, 1 when any failed or the
// cluster cannot be reached, 2 for bad arguments.
int runProduce(const QStringList &arguments);

} // namespace cli
