#pragma once

#include "subcommandparser.h"

#include "kafka/clusterclient.h"

#include <QCommandLineOption>
#include <QStringList>

#include <functional>
#include <memory>

namespace cli {

// The options of the admin subcommands (groups, acls), which name no topic
// to connect: -b SERVERS (required) and -X PROPERTY=VALUE (repeatable).
struct AdminOptions {
    AdminOptions();

    // The cluster client, or what is wrong with the options in words for a
    // usage error. Creating it does not touch the network.
    kafka::Result<std::unique_ptr<kafka::ClusterClient>> client(const SubcommandParser &parser) const;

    QCommandLineOption brokers;
    QCommandLineOption property;
};

// One action of a command with actions (`kafkadesk groups list`).
struct Action {
    QString name;
    QString summary;
    std::function<int(const QStringList &arguments)> run;
};

// Runs the action named by the first argument with the rest. Without one,
// or with -h/--help first, lists the actions (on stdout for help, exit 0;
// else on stderr, exit 2).
int runAction(const QString &command, const QString &description, const QList<Action> &actions,
              const QStringList &arguments);

// Lines of tab-separated fields, for scripts (cut -f, awk -F'\t').
void printRow(const QStringList &fields);

// A count or offset, or "unknown" (never 0) when it is not known (-1).
QString numberOrUnknown(qint64 value);

} // namespace cli
