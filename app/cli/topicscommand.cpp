#include "topicscommand.h"

#include "adminclient.h"
#include "subcommandparser.h"

#include "kafka/configadmin.h"
#include "kafka/topicadmin.h"
#include "kafka/topicspec.h"

#include <cstdio>

namespace cli {

namespace {

// Creation and deletion wait until the metadata agrees; a topic with many
// partitions on a busy cluster takes longer than a plain request.
constexpr std::chrono::seconds ChangeTimeout{30};

QString joined(const QList<int> &ids)
{
    QStringList parts;
    for (int id : ids)
        parts.append(QString::number(id));
    return parts.join(QLatin1Char(','));
}

void print(const QString &line)
{
    std::fputs(qPrintable(line + QLatin1Char('\n')), stdout);
}

// A parsed action: its parser and the client options it shares.
struct Action {
    Action(const QString &name, const QString &description)
        : command(QStringLiteral("topics ") + name),
          parser(command, description),
          client(QStringLiteral("The topic."))
    {
    }
    QString command;
    SubcommandParser parser;
    ClientOptions client;
    std::unique_ptr<kafka::ClusterClient> cluster;

    // Parses and creates the client; nothing when the command goes on,
    // else its exit code. `needsTopic`: -t is required.
    std::optional<int> start(const QStringList &arguments, bool needsTopic,
                             ClientOptions::Access access = ClientOptions::Access::Read)
    {
        auto started = startAdmin(parser, client, arguments, access);
        if (started.exitCode)
            return started.exitCode;
        if (needsTopic && !parser.isSet(client.topic))
            return parser.usageError(QStringLiteral("-t TOPIC is required"));
        cluster = std::move(started.client);
        return std::nullopt;
    }
    QString topic() const { return parser.value(client.topic); }
    int fail(const QString &message) const { return reportFailure(command, message); }
    // A change that cannot be undone, asked for without --yes.
    int notConfirmed(const QString &what) const
    {
        return parser.usageError(QStringLiteral("%1 cannot be undone; add --yes to do it").arg(what));
    }
};

const QCommandLineOption &yesOption()
{
    static const QCommandLineOption yes(QStringLiteral("yes"), QStringLiteral("Do it: the change cannot be undone."));
    return yes;
}

int list(const QStringList &arguments)
{
    Action action(QStringLiteral("list"),
                  QStringLiteral("Lists the topics: name, partition count and replication factor, tab-separated."));
    action.parser.addOptions({action.client.brokers, action.client.property});
    if (const auto exit = action.start(arguments, false))
        return *exit;
    auto metadata = action.cluster->fetchMetadata();
    if (!metadata.ok())
        return action.fail(metadata.error().message);
    for (const kafka::TopicInfo &topic : metadata.value().topics) {
        const QString rf = topic.partitions.isEmpty() ? QStringLiteral("unknown")
                                                      : QString::number(topic.partitions.first().replicas.size());
        print(QStringLiteral("%1\t%2\t%3").arg(topic.name).arg(topic.partitions.size()).arg(rf));
    }
    return 0;
}

int describe(const QStringList &arguments)
{
    Action action(QStringLiteral("describe"),
                  QStringLiteral("Describes TOPIC's partitions, one per line, tab-separated: partition, leader, "
                                 "replicas, in-sync replicas, low and high watermark ('unknown' when not known)."));
    action.parser.addOptions({action.client.brokers, action.client.topic, action.client.property});
    if (const auto exit = action.start(arguments, true))
        return *exit;
    auto topic = action.cluster->fetchTopic(action.topic());
    if (!topic.ok())
        return action.fail(topic.error().message);
    for (const kafka::PartitionInfo &p : topic.value().partitions)
        print(QStringLiteral("%1\t%2\t%3\t%4\t%5\t%6")
                  .arg(p.id)
                  .arg(numberOrUnknown(p.leader), joined(p.replicas), joined(p.inSyncReplicas),
                       numberOrUnknown(p.lowWatermark), numberOrUnknown(p.highWatermark)));
    return 0;
}

int create(const QStringList &arguments)
{
    Action action(QStringLiteral("create"), QStringLiteral("Creates TOPIC (a real cluster: the sandbox answers no "
                                                           "CreateTopics; 'kafkadesk sandbox --topic' makes its topics)."));
    const QCommandLineOption partitions(QStringList{QStringLiteral("p"), QStringLiteral("partitions")},
                                        QStringLiteral("Number of partitions (default 1)."), QStringLiteral("N"));
    const QCommandLineOption replication(QStringList{QStringLiteral("r"), QStringLiteral("replication-factor")},
                                         QStringLiteral("Replicas of each partition (default 1)."), QStringLiteral("RF"));
    const QCommandLineOption config(QStringList{QStringLiteral("c"), QStringLiteral("config")},
                                    QStringLiteral("A topic config; repeatable."), QStringLiteral("NAME=VALUE"));
    action.parser.addOptions({action.client.brokers, action.client.topic, partitions, replication, config,
                              action.client.property});
    if (const auto exit = action.start(arguments, true, ClientOptions::Access::Write))
        return *exit;
    kafka::TopicSpec spec{action.topic()};
    const auto number = [&](const QCommandLineOption &option, int *out) {
        bool ok = true;
        if (action.parser.isSet(option))
            *out = action.parser.value(option).toInt(&ok);
        return ok;
    };
    if (!number(partitions, &spec.partitions) || !number(replication, &spec.replicationFactor))
        return action.parser.usageError(QStringLiteral("-p and -r take a number"));
    for (const QString &text : action.parser.values(config)) {
        auto assignment = kafka::parseConfigAssignment(text);
        if (!assignment.ok())
            return action.parser.usageError(assignment.error().message);
        spec.configs.append(assignment.value());
    }
    if (auto err = spec.validate())
        return action.parser.usageError(err.message);
    if (auto err = action.cluster->createTopic(spec, ChangeTimeout))
        return action.fail(err.message);
    print(QStringLiteral("created topic %1").arg(spec.name));
    return 0;
}

int remove(const QStringList &arguments)
{
    Action action(QStringLiteral("delete"), QStringLiteral("Deletes TOPIC and every record in it. Needs --yes."));
    action.parser.addOptions({action.client.brokers, action.client.topic, yesOption(), action.client.property});
    if (const auto exit = action.start(arguments, true, ClientOptions::Access::Write))
        return *exit;
    if (!action.parser.isSet(yesOption()))
        return action.notConfirmed(QStringLiteral("Deleting topic '%1'").arg(action.topic()));
    if (auto err = kafka::deleteTopic(*action.cluster, action.topic(), ChangeTimeout))
        return action.fail(err.message);
    print(QStringLiteral("deleted topic %1").arg(action.topic()));
    return 0;
}

int addPartitions(const QStringList &arguments)
{
    Action action(QStringLiteral("add-partitions"),
                  QStringLiteral("Adds partitions to TOPIC, up to a new total. Needs --yes: partitions cannot be "
                                 "removed again, and keys then map to other partitions."));
    const QCommandLineOption total(QStringLiteral("total"), QStringLiteral("The new number of partitions."),
                                   QStringLiteral("N"));
    action.parser.addOptions({action.client.brokers, action.client.topic, total, yesOption(), action.client.property});
    if (const auto exit = action.start(arguments, true, ClientOptions::Access::Write))
        return *exit;
    bool ok = false;
    const int newTotal = action.parser.value(total).toInt(&ok);
    if (!action.parser.isSet(total) || !ok || newTotal < 1)
        return action.parser.usageError(QStringLiteral("--total N (the new number of partitions) is required"));
    if (!action.parser.isSet(yesOption()))
        return action.notConfirmed(QStringLiteral("Adding partitions to topic '%1'").arg(action.topic()));
    if (auto err = kafka::addPartitions(*action.cluster, action.topic(), newTotal, ChangeTimeout))
        return action.fail(err.message);
    print(QStringLiteral("topic %1 has %2 partitions").arg(action.topic()).arg(newTotal));
    return 0;
}

int truncate(const QStringList &arguments)
{
    Action action(QStringLiteral("truncate"),
                  QStringLiteral("Deletes TOPIC's records: of every partition, or of one (-p) before an offset "
                                 "(--before; default: all of it). Needs --yes. Prints each partition's new low "
                                 "watermark (its first offset left), tab-separated."));
    const QCommandLineOption partition(QStringList{QStringLiteral("p"), QStringLiteral("partition")},
                                       QStringLiteral("Only this partition."), QStringLiteral("PARTITION"));
    const QCommandLineOption before(QStringLiteral("before"),
                                    QStringLiteral("Delete the records before OFFSET (needs -p)."), QStringLiteral("OFFSET"));
    action.parser.addOptions(
        {action.client.brokers, action.client.topic, partition, before, yesOption(), action.client.property});
    if (const auto exit = action.start(arguments, true, ClientOptions::Access::Write))
        return *exit;
    kafka::TruncateSpec spec{action.topic()};
    bool ok = true;
    if (action.parser.isSet(partition)) {
        spec.partition = action.parser.value(partition).toInt(&ok);
        if (!ok || spec.partition < 0)
            return action.parser.usageError(QStringLiteral("-p takes a partition number (0 or more)"));
    }
    if (action.parser.isSet(before)) {
        if (!action.parser.isSet(partition))
            return action.parser.usageError(QStringLiteral("--before needs -p: each partition has offsets of its own"));
        spec.beforeOffset = action.parser.value(before).toLongLong(&ok);
        if (!ok || spec.beforeOffset < 0)
            return action.parser.usageError(QStringLiteral("--before takes an offset (0 or more)"));
    }
    if (!action.parser.isSet(yesOption()))
        return action.notConfirmed(QStringLiteral("Deleting records of topic '%1'").arg(action.topic()));
    auto truncated = kafka::truncateTopic(*action.cluster, spec, ChangeTimeout);
    if (!truncated.ok())
        return action.fail(truncated.error().message);
    int failed = 0;
    for (const kafka::TruncatedPartition &p : truncated.value()) {
        if (!p.error.isEmpty()) {
            ++failed;
            std::fprintf(stderr, "kafkadesk topics truncate: partition %d: %s\n", p.partition, qPrintable(p.error));
            continue;
        }
        print(QStringLiteral("%1\t%2").arg(p.partition).arg(p.lowWatermark));
    }
    return failed > 0 ? 1 : 0;
}

} // namespace

int runTopics(const QStringList &arguments)
{
    const auto [action, rest] = takeAction(arguments);
    if (action == QLatin1String("list"))
        return list(rest);
    if (action == QLatin1String("describe"))
        return describe(rest);
    if (action == QLatin1String("create"))
        return create(rest);
    if (action == QLatin1String("delete"))
        return remove(rest);
    if (action == QLatin1String("add-partitions"))
        return addPartitions(rest);
    if (action == QLatin1String("truncate"))
        return truncate(rest);
    return actionUsage(QStringLiteral("topics"), action,
                       {QStringLiteral("list"), QStringLiteral("describe"), QStringLiteral("create"),
                        QStringLiteral("delete"), QStringLiteral("add-partitions"), QStringLiteral("truncate")},
                       QStringLiteral("Lists, describes, creates, deletes, grows and truncates topics."));
}

} // namespace cli
