#pragma once

#include "kafka/clientconfig.h"
#include "kafka/jsonmessage.h"
#include "kafka/producer.h"
#include "kafka/schemaregistry.h"

#include <QStringList>

#include <optional>

namespace cli {

// What `kafkadesk produce` was asked for.
struct ProduceOptions {
    kafka::ClientConfig config;
    QString topic;
    std::optional<QByteArray> fixedKey;
    QByteArray keySeparator;
    QList<kafka::Header> headers;
    int partition = RD_KAFKA_PARTITION_UA;
    QByteArray file; // the path's bytes; empty: stdin
    bool json = false; // --format json: each line is a message as kafka::parseJsonMessage reads it
    kafka::JsonLineUse jsonUse;
    // Encode each value with a schema before sending: the latest schema of a
    // registry subject, or a local .avsc/.proto. Fetched or read when the
    // run starts (runProduce), not here.
    struct ValueSchema {
        kafka::SchemaRegistrySettings registry; // with subject
        QString subject;
        QString file; // .avsc or .proto, without a registry
        QString messageType; // Protobuf: the type to encode (empty: the first)
    };
    std::optional<ValueSchema> valueSchema;
};

// The options, or nothing with *exitCode set (help or a usage error,
// printed). Starts no client (librdkafka checks the properties on a conf
// only), so that tests/fuzz drives it.
std::optional<ProduceOptions> parseProduceOptions(const QStringList &arguments, int *exitCode);

// `kafkadesk produce -b SERVERS -t TOPIC [-k KEY] [-K SEP] [-H NAME=VALUE]...
//  [-p PARTITION] [-f FILE] [--format json [--keep-partitions] [--keep-timestamps]]
//  [--schema-registry URL --value-subject SUBJECT | --value-avsc FILE | --value-proto FILE] [--value-type NAME]
//  [-X PROPERTY=VALUE]...`: one message per line of stdin (or FILE). Prints "delivered N, failed M" on stderr at the end.
// Returns 0 when every message was delivered, 1 when any failed or the
// cluster cannot be reached, 2 for bad arguments.
int runProduce(const QStringList &arguments);

} // namespace cli
