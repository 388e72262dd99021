#pragma once

#include "error.h"

#include <QString>

namespace kafka {

// A topic to create.
struct TopicSpec {
    QString name;
    int partitions = 1;
    int replicationFactor = 1;

    // Kafka's own rules: 1..249 characters of [A-Za-z0-9._-], not "." or "..";
    // at least one partition and one replica.
    Error validate() const;
};

// Parses NAME:PARTITIONS[:RF] as used on the command line (RF defaults to 1).
Result<TopicSpec> parseTopicSpec(const QString &text);

} // namespace kafka
