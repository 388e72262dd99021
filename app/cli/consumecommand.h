#pragma once

#include "kafka/consumer.h"
#include "kafka/schemadecoder.h"

#include <QStringList>

#include <optional>

namespace cli {

// What `kafkadesk consume` was asked for.
struct ConsumeOptions {
    kafka::ConsumerSpec spec;
    qint64 count = -1;     // -1: no limit
    qint64 idleMs = -1;    // -1: wait forever
    bool json = false;
    // Keys and values in the Schema Registry's wire format are decoded with
    // this (--schema-registry), values with a local schema (--value-avsc);
    // null: printed as they are.
    std::shared_ptr<kafka::SchemaDecoder> keyDecoder;
    std::shared_ptr<kafka::SchemaDecoder> valueDecoder;
};

// The options, or nothing with *exitCode set (help or a usage error,
// printed). Starts no client (librdkafka checks the properties on a conf
// only), so that tests/fuzz drives it.
std::optional<ConsumeOptions> parseConsumeOptions(const QStringList &arguments, int *exitCode);

// `kafkadesk consume -b SERVERS -t TOPIC[,TOPIC...] [-g GROUP]
//  [--from earliest|latest|OFFSET|@EPOCH_MS] [-n COUNT] [--timeout-ms MS]
//  [--format text|json] [--schema-registry URL [--registry-user USER]
//  [--registry-password-file FILE]] [--value-avsc FILE] [-X PROPERTY=VALUE]...`:
// prints consumed messages on stdout, values (and in JSON keys) decoded with
// their schema when asked; one that does not decode is printed as it is, and
// why on stderr. Stops after COUNT messages, after MS without a new one, or on
// SIGINT/SIGTERM, committing in group mode (exit 0). Returns 1 when the
// cluster or a topic cannot be reached or consuming fails (an offset out of
// range), 2 for bad arguments.
int runConsume(const QStringList &arguments);

} // namespace cli
