#pragma once

#include "error.h"

#include <QList>
#include <QString>

#include <utility>

namespace kafka {

// A topic to create.
struct TopicSpec {
    QString name;
    int partitions = 1;
    int replicationFactor = 1;
    // Topic configs to create it with (retention.ms=..., cleanup.policy=...),
    // in the order given; Kafka checks the names and values.
    QList<std::pair<QString, QString>> configs = {};

    // Kafka's own rules: 1..249 characters of [A-Za-z0-9._-], not "." or "..";
    // at least one partition and one replica; each config named once, with
    // a non-empty name.
    Error validate() const;
};

// Parses NAME:PARTITIONS[:RF] as used on the command line (RF defaults to 1).
Result<TopicSpec> parseTopicSpec(const QString &text);

} // namespace kafka
