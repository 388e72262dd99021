#pragma once

#include "subcommandparser.h"

#include "kafka/clientconfig.h"
#include "kafka/clusterclient.h"

#include <QString>

#include <memory>
#include <utility>

namespace cli {

// What the administration commands (topics, configs, brokers) share.

// -b SERVERS (required) and -X PROPERTY=VALUE, as ClientOptions::config,
// with -t left to the command (some take none, some need one).
kafka::Result<kafka::ClientConfig> adminConfig(const SubcommandParser &parser, const ClientOptions &options);

// The client for the cluster; creating it does not touch the network (each
// request reports a cluster it cannot reach, within its timeout).
kafka::Result<std::unique_ptr<kafka::ClusterClient>> adminClient(const kafka::ClientConfig &config);

// Prints "kafkadesk COMMAND: message" on stderr; returns 1 (a runtime failure).
int reportFailure(const QString &command, const QString &message);

// Splits `kafkadesk topics ACTION ...`'s arguments into the action and the
// rest. Empty action: none given (or an option came first).
std::pair<QString, QStringList> takeAction(const QStringList &arguments);

// The usage error of a command whose action is missing or unknown: lists
// the actions. Returns 2; "--help" alone prints the same on stdout, returns 0.
int actionUsage(const QString &command, const QString &action, const QStringList &actions, const QString &summary);

// "unknown" for a value not known (-1), else the number.
QString numberOrUnknown(qint64 value);

} // namespace cli
