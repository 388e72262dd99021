#include "configscommand.h"

#include "adminclient.h"
#include "subcommandparser.h"

#include "kafka/configadmin.h"

#include <cstdio>

namespace cli {

namespace {

void print(const QString &line)
{
    std::fputs(qPrintable(line + QLatin1Char('\n')), stdout);
}

QString flags(const kafka::ConfigEntry &entry)
{
    QStringList flags;
    if (entry.readOnly)
        flags.append(QStringLiteral("read-only"));
    if (entry.sensitive)
        flags.append(QStringLiteral("sensitive"));
    return flags.isEmpty() ? QStringLiteral("-") : flags.join(QLatin1Char(','));
}

struct ConfigsAction {
    ConfigsAction(const QString &name, const QString &description)
        : command(QStringLiteral("configs ") + name),
          parser(command, description),
          client(QStringLiteral("The topic whose configs these are.")),
          broker(QStringLiteral("broker"), QStringLiteral("The broker whose configs these are."), QStringLiteral("ID"))
    {
    }
    QString command;
    SubcommandParser parser;
    ClientOptions client;
    QCommandLineOption broker;
    std::unique_ptr<kafka::ClusterClient> cluster;
    kafka::ConfigResource resource;

    std::optional<int> start(const QStringList &arguments, ClientOptions::Access access = ClientOptions::Access::Read)
    {
        auto started = startAdmin(parser, client, arguments, access);
        if (started.exitCode)
            return started.exitCode;
        if (parser.isSet(client.topic) == parser.isSet(broker))
            return parser.usageError(QStringLiteral("name either a topic (-t TOPIC) or a broker (--broker ID)"));
        if (parser.isSet(broker)) {
            bool ok = false;
            const int id = parser.value(broker).toInt(&ok);
            if (!ok || id < 0)
                return parser.usageError(QStringLiteral("--broker takes a broker id (0 or more)"));
            resource = kafka::ConfigResource::broker(id);
        } else {
            resource = kafka::ConfigResource::topic(parser.value(client.topic));
        }
        cluster = std::move(started.client);
        return std::nullopt;
    }
};

int get(const QStringList &arguments)
{
    ConfigsAction action(QStringLiteral("get"),
                         QStringLiteral("Prints the configs of a topic or a broker, one per line, tab-separated: name, "
                                        "value ('(sensitive, not shown)' for sensitive ones, '(not set)' for none), "
                                        "source (topic override, broker override, cluster-wide broker override, static "
                                        "broker config, default) and flags (read-only, sensitive, or '-')."));
    const QCommandLineOption overridesOnly(QStringLiteral("overrides-only"),
                                           QStringLiteral("Only the overrides set on this topic or broker."));
    action.parser.addOptions({action.client.brokers, action.client.topic, action.broker, overridesOnly,
                              action.client.property});
    if (const auto exit = action.start(arguments))
        return *exit;
    auto entries = kafka::describeConfigs(*action.cluster, action.resource);
    if (!entries.ok())
        return reportFailure(action.command, entries.error().message);
    for (const kafka::ConfigEntry &entry : entries.value()) {
        if (action.parser.isSet(overridesOnly) && !entry.isOverrideOf(action.resource.kind))
            continue;
        print(QStringLiteral("%1\t%2\t%3\t%4")
                  .arg(entry.name, entry.displayValue(), kafka::ConfigEntry::sourceName(entry.source), flags(entry)));
    }
    return 0;
}

int set(const QStringList &arguments)
{
    ConfigsAction action(QStringLiteral("set"),
                         QStringLiteral("Changes the configs of a topic or a broker: prints the change, one line per "
                                        "config ('name: before -> after', '(default)' for no override), and applies "
                                        "it only with --yes. Every other override is kept."));
    const QCommandLineOption setOption(QStringList{QStringLiteral("s"), QStringLiteral("set")},
                                       QStringLiteral("Set NAME to VALUE; repeatable."), QStringLiteral("NAME=VALUE"));
    const QCommandLineOption deleteOption(QStringLiteral("delete"),
                                          QStringLiteral("Remove NAME's override (back to its default); repeatable."),
                                          QStringLiteral("NAME"));
    const QCommandLineOption yes(QStringLiteral("yes"), QStringLiteral("Apply the change."));
    action.parser.addOptions({action.client.brokers, action.client.topic, action.broker, setOption, deleteOption, yes,
                              action.client.property});
    if (const auto exit = action.start(arguments, ClientOptions::Access::Write))
        return *exit;
    QList<kafka::ConfigChange> changes;
    for (const QString &text : action.parser.values(setOption)) {
        auto assignment = kafka::parseConfigAssignment(text);
        if (!assignment.ok())
            return action.parser.usageError(assignment.error().message);
        changes.append({assignment.value().first, assignment.value().second});
    }
    for (const QString &name : action.parser.values(deleteOption))
        changes.append({name.trimmed(), std::nullopt});
    if (changes.isEmpty())
        return action.parser.usageError(QStringLiteral("name a change: -s NAME=VALUE or --delete NAME"));

    auto current = kafka::describeConfigs(*action.cluster, action.resource);
    if (!current.ok())
        return reportFailure(action.command, current.error().message);
    auto plan = kafka::planConfigChange(action.resource, current.value(), changes);
    if (!plan.ok())
        return reportFailure(action.command, plan.error().message);
    if (plan.value().diff.isEmpty()) {
        std::fprintf(stderr, "kafkadesk %s: nothing to change: %s already has these values\n",
                     qPrintable(action.command), qPrintable(action.resource.describe()));
        return 0;
    }
    for (const kafka::ConfigDiff &diff : plan.value().diff)
        print(QStringLiteral("%1: %2").arg(diff.name, kafka::describeDiff(diff)));
    if (!action.parser.isSet(yes)) {
        std::fprintf(stderr, "kafkadesk %s: not applied; add --yes to apply this change to %s\n",
                     qPrintable(action.command), qPrintable(action.resource.describe()));
        return 2;
    }
    if (auto err = kafka::applyConfigPlan(*action.cluster, action.resource, plan.value()))
        return reportFailure(action.command, err.message);
    std::fprintf(stderr, "kafkadesk %s: applied to %s\n", qPrintable(action.command),
                 qPrintable(action.resource.describe()));
    return 0;
}

} // namespace

int runConfigs(const QStringList &arguments)
{
    const auto [action, rest] = takeAction(arguments);
    if (action == QLatin1String("get"))
        return get(rest);
    if (action == QLatin1String("set"))
        return set(rest);
    return actionUsage(QStringLiteral("configs"), action, {QStringLiteral("get"), QStringLiteral("set")},
                       QStringLiteral("Reads and changes the configs of a topic or a broker."));
}

} // namespace cli
