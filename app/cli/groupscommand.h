#pragma once

#include "kafka/groupadmin.h"

#include <QStringList>

#include <optional>

namespace cli {

// `-t TOPIC[:PARTITION,...]` of reset-offsets: the topic and the partitions
// named (none: all), or what is wrong with it.
kafka::Result<kafka::TopicSelection> parseTopicSelection(const QString &text);

// The target option of reset-offsets (`--to-datetime 2024-05-01T10:00:00Z`,
// `--shift-by -5`, ...), or what is wrong with it. A date-time without a
// zone is local time, as in Kafka's kafka-consumer-groups tool.
kafka::Result<kafka::OffsetTarget> parseOffsetTarget(const QString &option, const QString &value);

// `kafkadesk groups list|describe|reset-offsets|delete|delete-offsets ...`:
// consumer-group administration on a real cluster. Results on stdout as
// tab-separated lines; 0 on success, 1 when the cluster refused or cannot
// be reached, 2 for bad arguments or a destructive action without its
// confirming flag.
int runGroups(const QStringList &arguments);

} // namespace cli
