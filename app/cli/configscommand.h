#pragma once

#include <QStringList>

namespace cli {

// `kafkadesk configs get|set (-t TOPIC | --broker ID) -b SERVERS [options]`:
//   get [--overrides-only]     one config per line, tab-separated: name, value
//                              (sensitive ones masked), source, flags
//   set [-s NAME=VALUE]... [--delete NAME]... [--yes]
//                              prints the change as "name: before -> after";
//                              applies it only with --yes (else exits 2)
// librdkafka 2.0.2's AlterConfigs replaces every override at once: set
// sends the other current overrides again, and refuses when one cannot be
// read back (a sensitive value) rather than deleting it.
int runConfigs(const QStringList &arguments);

} // namespace cli
