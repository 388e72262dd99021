#pragma once

#include "kafka/consumer.h"

#include <QStringList>

#include <optional>

namespace cli {

// What `kafkadesk consume` was asked for.
struct ConsumeOptions {
    kafka::ConsumerSpec spec;
    qint64 count = -1;     // -1: no limit
    qint64 idleMs = -1;    // -1: wait forever
    bool json = false;
};

// The options, or nothing with *exitCode set (help or a usage error,
// printed). Starts no client (librdkafka checks the properties on a conf
// only), so that tests/fuzz drives it.
std::optional<ConsumeOptions> parseConsumeOptions(const QStringList &arguments, int *exitCode);

// `kafkadesk consume -b SERVERS -t TOPIC[,TOPIC...] [-g GROUP]
//  [--from earliest|latest|OFFSET|@EPOCH_MS] [-n COUNT] [--timeout-ms MS]
//  [--format text|json] [-X PROPERTY=VALUE]...`: prints consumed messages on
// stdout. Stops after COUNT messages, after MS without a new one, or on
// SIGINT/SIGTERM, committing in group mode (exit 0). Returns 1 when the
// cluster or a topic cannot be reached or consuming fails (an offset out of
// range), 2 for bad arguments.
int runConsume(const QStringList &arguments);

} // namespace cli
