#pragma once

#include "subcommandparser.h"

#include "kafka/clientconfig.h"
#include "kafka/clusterclient.h"

#include <QString>

#include <memory>
#include <optional>
#include <utility>

namespace cli {

// What the administration commands (topics, configs, brokers, groups,
// acls) share.

// An action's parsed command line: the client for the cluster, or the exit
// code to end with (0 after --help, 2 for a usage error, 1 when the client
// cannot be made).
struct AdminStart {
    std::unique_ptr<kafka::ClusterClient> client;
    std::optional<int> exitCode;
};
// Adds the profile options (ClientOptions::profileOptions), parses
// `arguments` and creates the client from --profile NAME or -b SERVERS and
// -X PROPERTY=VALUE, as ClientOptions::clusterConfig does, with -t left to
// the action (some take none, some need one). An action that changes the
// cluster says Access::Write: a read-only profile refuses it (exit 1).
// Creating the client does not touch the network: each request reports a
// cluster it cannot reach, within its timeout.
AdminStart startAdmin(SubcommandParser &parser, const ClientOptions &options,
                      const QStringList &arguments, ClientOptions::Access access = ClientOptions::Access::Read);

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
