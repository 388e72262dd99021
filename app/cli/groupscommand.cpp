#include "groupscommand.h"

#include "adminclient.h"
#include "subcommandparser.h"

#include "kafka/adminrequest.h"


#include <QDateTime>
#include <QDeadlineTimer>
#include <QSet>

#include <cstdio>

namespace cli {

namespace {

// Lines of tab-separated fields, for scripts (cut -f, awk -F'\t').
void printRow(const QStringList &fields)
{
    std::fputs(qPrintable(fields.join(QLatin1Char('\t')) + QLatin1Char('\n')), stdout);
}

const QString Command = QStringLiteral("groups");

int fail(const QString &action, const QString &message)
{
    return reportFailure(QStringLiteral("groups ") + action, message);
}

QCommandLineOption groupOption()
{
    return {QStringList{QStringLiteral("g"), QStringLiteral("group")}, QStringLiteral("The consumer group. Required."),
            QStringLiteral("GROUP")};
}

QString lagText(const kafka::GroupInfo &group)
{
    if (group.offsets.isEmpty())
        return QStringLiteral("none");
    qint64 total = 0;
    for (const kafka::PartitionProgress &p : group.offsets) {
        if (p.lag() < 0)
            return QStringLiteral("unknown");
        total += p.lag();
    }
    return QString::number(total);
}

QStringList topicsOf(const kafka::GroupInfo &group)
{
    QSet<QString> topics;
    for (const kafka::PartitionProgress &p : group.offsets)
        topics.insert(p.partition.topic);
    for (const kafka::GroupMemberInfo &member : group.members)
        for (const kafka::TopicPartition &tp : member.partitions)
            topics.insert(tp.topic);
    QStringList sorted(topics.cbegin(), topics.cend());
    sorted.sort();
    return sorted;
}

int runList(const QStringList &arguments)
{
    SubcommandParser parser(QStringLiteral("groups list"),
                            QStringLiteral("Lists the cluster's consumer groups, one per line: GROUP, STATE, PROTOCOL "
                                           "(the partition assignor), MEMBERS, TOPICS (comma-separated) and LAG (the "
                                           "total over its committed partitions; 'none' when nothing is committed)."));
    const ClientOptions admin{QString()};
    parser.addOptions({admin.brokers, admin.property});
    auto parsed = startAdmin(parser, admin, arguments);
    if (parsed.exitCode)
        return *parsed.exitCode;
    const kafka::ClusterClient &client = *parsed.client;
    const QDeadlineTimer deadline(kafka::ClusterClient::DefaultTimeout);
    if (auto refused = kafka::refuseOnSandbox(client, "ListGroups", QStringLiteral("list the consumer groups"),
                                              kafka::ClusterClient::DefaultTimeout))
        return fail(QStringLiteral("list"), refused.message);
    // The check waited for the cluster id: the listing has what is left.
    const auto groups = client.describeGroups(kafka::ClusterClient::timeLeft(deadline));
    if (!groups.ok())
        return fail(QStringLiteral("list"), groups.error().message);
    printRow({QStringLiteral("GROUP"), QStringLiteral("STATE"), QStringLiteral("PROTOCOL"), QStringLiteral("MEMBERS"),
              QStringLiteral("TOPICS"), QStringLiteral("LAG")});
    QList<kafka::GroupInfo> sorted = groups.value();
    std::sort(sorted.begin(), sorted.end(), [](const kafka::GroupInfo &a, const kafka::GroupInfo &b) { return a.id < b.id; });
    for (const kafka::GroupInfo &group : sorted)
        printRow({group.id, group.state.isEmpty() ? QStringLiteral("unknown") : group.state,
                  group.partitionAssignor.isEmpty() ? QStringLiteral("-") : group.partitionAssignor,
                  QString::number(group.members.size()), topicsOf(group).join(QLatin1Char(',')), lagText(group)});
    for (const kafka::GroupInfo &group : sorted) {
        if (!group.error.isEmpty())
            std::fprintf(stderr, "kafkadesk groups list: %s: %s\n", qPrintable(group.id), qPrintable(group.error));
        if (!group.watermarkError.isEmpty())
            std::fprintf(stderr, "kafkadesk groups list: %s: %s\n", qPrintable(group.id), qPrintable(group.watermarkError));
    }
    return 0;
}

int runDescribe(const QStringList &arguments)
{
    SubcommandParser parser(QStringLiteral("groups describe"),
                            QStringLiteral("Describes one consumer group: its state, protocol and members (MEMBER "
                                           "lines: client id, host, partitions) and per partition its committed offset, "
                                           "the log end and the lag (OFFSET lines)."));
    const ClientOptions admin{QString()};
    const QCommandLineOption group = groupOption();
    parser.addOptions({admin.brokers, group, admin.property});
    auto parsed = startAdmin(parser, admin, arguments);
    if (parsed.exitCode)
        return *parsed.exitCode;
    if (!parser.isSet(group))
        return parser.usageError(QStringLiteral("-g GROUP is required"));
    const auto described = kafka::GroupAdmin(*parsed.client).describe(parser.value(group));
    if (!described.ok())
        return fail(QStringLiteral("describe"), described.error().message);
    const kafka::GroupInfo &info = described.value();
    printRow({QStringLiteral("GROUP"), info.id});
    printRow({QStringLiteral("STATE"), info.state});
    printRow({QStringLiteral("PROTOCOL"), info.partitionAssignor.isEmpty() ? QStringLiteral("-") : info.partitionAssignor});
    printRow({QStringLiteral("MEMBERS"), QString::number(info.members.size())});
    for (const kafka::GroupMemberInfo &member : info.members) {
        QStringList partitions;
        for (const kafka::TopicPartition &tp : member.partitions)
            partitions.append(QStringLiteral("%1:%2").arg(tp.topic).arg(tp.partition));
        printRow({QStringLiteral("MEMBER"), member.clientId, member.host, partitions.join(QLatin1Char(','))});
    }
    for (const kafka::PartitionProgress &p : info.offsets)
        printRow({QStringLiteral("OFFSET"), p.partition.topic, QString::number(p.partition.partition),
                  QString::number(p.committed), numberOrUnknown(p.highWatermark), numberOrUnknown(p.lag())});
    if (!info.error.isEmpty())
        return fail(QStringLiteral("describe"), info.error);
    if (!info.watermarkError.isEmpty())
        std::fprintf(stderr, "kafkadesk groups describe: %s\n", qPrintable(info.watermarkError));
    return 0;
}

int runResetOffsets(const QStringList &arguments)
{
    SubcommandParser parser(
        QStringLiteral("groups reset-offsets"),
        QStringLiteral("Resets the committed offsets of GROUP in the partitions chosen with -t. Prints the plan first, one "
                       "line per partition: TOPIC, PARTITION, CURRENT (the committed offset, 'none'), NEW ('unchanged' "
                       "when it is left as it is), LOG-START, LOG-END, LAG-AFTER and a NOTE (a target outside the log "
                       "is clamped to it, as in Kafka's kafka-consumer-groups tool). Changes nothing without --execute. "
                       "Kafka changes the offsets of a group only while it has no active members: stop its consumers "
                       "first."));
    const ClientOptions admin{QString()};
    const QCommandLineOption group = groupOption();
    const QCommandLineOption topic(QStringList{QStringLiteral("t"), QStringLiteral("topic")},
                                   QStringLiteral("A topic, with the partitions to reset (default: all); repeatable."),
                                   QStringLiteral("TOPIC[:PARTITION,...]"));
    const QCommandLineOption earliest(QStringLiteral("to-earliest"), QStringLiteral("Reset to the log start."));
    const QCommandLineOption latest(QStringLiteral("to-latest"), QStringLiteral("Reset to the log end."));
    const QCommandLineOption dateTime(QStringLiteral("to-datetime"),
                                      QStringLiteral("Reset to the first message at or after this time (ISO 8601, "
                                                     "e.g. 2024-05-01T10:00:00Z; without a zone: local time)."),
                                      QStringLiteral("DATETIME"));
    const QCommandLineOption offset(QStringLiteral("to-offset"), QStringLiteral("Reset to this offset."),
                                    QStringLiteral("OFFSET"));
    const QCommandLineOption shift(QStringLiteral("shift-by"),
                                   QStringLiteral("Move the committed offset by N (negative: back)."), QStringLiteral("N"));
    const QCommandLineOption execute(QStringLiteral("execute"), QStringLiteral("Apply the plan (default: only print it)."));
    parser.addOptions({admin.brokers, group, topic, earliest, latest, dateTime, offset, shift, execute, admin.property});
    auto parsed = startAdmin(parser, admin, arguments, ClientOptions::Access::Write);
    if (parsed.exitCode)
        return *parsed.exitCode;
    if (!parser.isSet(group))
        return parser.usageError(QStringLiteral("-g GROUP is required"));
    if (!parser.isSet(topic))
        return parser.usageError(QStringLiteral("-t TOPIC is required"));
    QList<kafka::TopicSelection> selection;
    for (const QString &text : parser.values(topic)) {
        auto chosen = parseTopicSelection(text);
        if (!chosen.ok())
            return parser.usageError(chosen.error().message);
        selection.append(chosen.value());
    }
    std::optional<kafka::OffsetTarget> target;
    int targets = 0;
    for (const QCommandLineOption *option : {&earliest, &latest, &dateTime, &offset, &shift}) {
        if (!parser.isSet(*option))
            continue;
        ++targets;
        auto parsedTarget = parseOffsetTarget(option->names().first(), option->valueName().isEmpty() ? QString() : parser.value(*option));
        if (!parsedTarget.ok())
            return parser.usageError(parsedTarget.error().message);
        target = parsedTarget.value();
    }
    if (targets != 1)
        return parser.usageError(
            QStringLiteral("exactly one of --to-earliest, --to-latest, --to-datetime, --to-offset, --shift-by is required"));

    const kafka::GroupAdmin groups(*parsed.client);
    const QString name = parser.value(group);
    const auto plan = groups.planReset(name, selection, *target);
    if (!plan.ok())
        return fail(QStringLiteral("reset-offsets"), plan.error().message);

    QMap<kafka::TopicPartition, QString> results;
    bool failed = false;
    if (parser.isSet(execute)) {
        const auto applied = groups.applyReset(plan.value());
        if (!applied.ok())
            return fail(QStringLiteral("reset-offsets"), applied.error().message);
        for (const kafka::AppliedOffset &outcome : applied.value()) {
            results.insert(outcome.partition, outcome.error.isEmpty() ? QStringLiteral("reset") : outcome.error);
            failed = failed || !outcome.error.isEmpty();
        }
    }
    QStringList header{QStringLiteral("TOPIC"), QStringLiteral("PARTITION"), QStringLiteral("CURRENT"), QStringLiteral("NEW"),
                       QStringLiteral("LOG-START"), QStringLiteral("LOG-END"), QStringLiteral("LAG-AFTER"), QStringLiteral("NOTE")};
    if (parser.isSet(execute))
        header.append(QStringLiteral("RESULT"));
    printRow(header);
    for (const kafka::OffsetResetRow &row : plan.value().rows) {
        QStringList fields{row.partition.topic,
                           QString::number(row.partition.partition),
                           row.current < 0 ? QStringLiteral("none") : QString::number(row.current),
                           row.changes() ? QString::number(row.newOffset) : QStringLiteral("unchanged"),
                           numberOrUnknown(row.logStart),
                           numberOrUnknown(row.logEnd),
                           numberOrUnknown(row.lagAfter()),
                           row.note.isEmpty() ? QStringLiteral("-") : row.note};
        if (parser.isSet(execute))
            fields.append(row.changes() ? results.value(row.partition, QStringLiteral("no answer")) : QStringLiteral("unchanged"));
        printRow(fields);
    }
    if (!parser.isSet(execute)) {
        std::fprintf(stderr, "Nothing was changed: this is the plan. Add --execute to reset group '%s' to %s.\n",
                     qPrintable(name), qPrintable(target->describe()));
        return 0;
    }
    return failed ? fail(QStringLiteral("reset-offsets"), QStringLiteral("some partitions were not reset (see RESULT)")) : 0;
}

int runDelete(const QStringList &arguments)
{
    SubcommandParser parser(QStringLiteral("groups delete"),
                            QStringLiteral("Deletes a consumer group and its committed offsets. Kafka deletes only a "
                                           "group without active members."));
    const ClientOptions admin{QString()};
    const QCommandLineOption group = groupOption();
    const QCommandLineOption yes(QStringLiteral("yes"), QStringLiteral("Confirm the deletion (required)."));
    parser.addOptions({admin.brokers, group, yes, admin.property});
    auto parsed = startAdmin(parser, admin, arguments, ClientOptions::Access::Write);
    if (parsed.exitCode)
        return *parsed.exitCode;
    if (!parser.isSet(group))
        return parser.usageError(QStringLiteral("-g GROUP is required"));
    if (!parser.isSet(yes))
        return parser.usageError(QStringLiteral("deleting group '%1' cannot be undone: add --yes to delete it")
                                     .arg(parser.value(group)));
    if (auto err = kafka::GroupAdmin(*parsed.client).deleteGroup(parser.value(group)))
        return fail(QStringLiteral("delete"), err.message);
    std::fprintf(stderr, "Deleted group '%s'.\n", qPrintable(parser.value(group)));
    return 0;
}

int runDeleteOffsets(const QStringList &arguments)
{
    SubcommandParser parser(QStringLiteral("groups delete-offsets"),
                            QStringLiteral("Deletes the committed offsets of GROUP for every partition of TOPIC, and "
                                           "prints the partitions (TOPIC, PARTITION) whose offsets were deleted. Kafka "
                                           "refuses while a member of the group consumes the topic."));
    const ClientOptions admin{QString()};
    const QCommandLineOption group = groupOption();
    const QCommandLineOption topic(QStringList{QStringLiteral("t"), QStringLiteral("topic")},
                                   QStringLiteral("The topic whose offsets to delete. Required."), QStringLiteral("TOPIC"));
    const QCommandLineOption yes(QStringLiteral("yes"), QStringLiteral("Confirm the deletion (required)."));
    parser.addOptions({admin.brokers, group, topic, yes, admin.property});
    auto parsed = startAdmin(parser, admin, arguments, ClientOptions::Access::Write);
    if (parsed.exitCode)
        return *parsed.exitCode;
    if (!parser.isSet(group))
        return parser.usageError(QStringLiteral("-g GROUP is required"));
    if (!parser.isSet(topic))
        return parser.usageError(QStringLiteral("-t TOPIC is required"));
    if (!parser.isSet(yes))
        return parser.usageError(QStringLiteral("deleting the offsets of group '%1' for topic '%2' cannot be undone: add "
                                                "--yes to delete them")
                                     .arg(parser.value(group), parser.value(topic)));
    const auto deleted = kafka::GroupAdmin(*parsed.client).deleteOffsets(parser.value(group), parser.value(topic));
    if (!deleted.ok())
        return fail(QStringLiteral("delete-offsets"), deleted.error().message);
    for (const kafka::TopicPartition &tp : deleted.value())
        printRow({tp.topic, QString::number(tp.partition)});
    return 0;
}

} // namespace

kafka::Result<kafka::TopicSelection> parseTopicSelection(const QString &text)
{
    // Topic names cannot hold ':' (Kafka allows [a-zA-Z0-9._-] only).
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    kafka::TopicSelection selection{colon < 0 ? text : text.left(colon), {}};
    if (selection.topic.isEmpty())
        return kafka::Error::invalid(QStringLiteral("-t needs a topic name: TOPIC[:PARTITION,...]"));
    if (colon < 0)
        return selection;
    for (const QString &part : text.mid(colon + 1).split(QLatin1Char(','))) {
        bool ok = false;
        const int partition = part.trimmed().toInt(&ok);
        if (!ok || partition < 0)
            return kafka::Error::invalid(
                QStringLiteral("'%1' in -t %2 is not a partition number (0 or more)").arg(part, text));
        if (!selection.partitions.contains(partition))
            selection.partitions.append(partition);
    }
    return selection;
}

kafka::Result<kafka::OffsetTarget> parseOffsetTarget(const QString &option, const QString &value)
{
    using Kind = kafka::OffsetTarget::Kind;
    if (option == QLatin1String("to-earliest"))
        return kafka::OffsetTarget{Kind::Earliest, 0};
    if (option == QLatin1String("to-latest"))
        return kafka::OffsetTarget{Kind::Latest, 0};
    if (option == QLatin1String("to-datetime")) {
        const QDateTime time = QDateTime::fromString(value.trimmed(), Qt::ISODateWithMs);
        if (!time.isValid())
            return kafka::Error::invalid(
                QStringLiteral("--to-datetime '%1' is not an ISO 8601 date-time (e.g. 2024-05-01T10:00:00Z)").arg(value));
        if (time.toMSecsSinceEpoch() < 0)
            return kafka::Error::invalid(QStringLiteral("--to-datetime '%1' is before 1970").arg(value));
        return kafka::OffsetTarget{Kind::DateTime, time.toMSecsSinceEpoch()};
    }
    bool ok = false;
    const qint64 number = value.trimmed().toLongLong(&ok);
    if (option == QLatin1String("to-offset")) {
        if (!ok || number < 0)
            return kafka::Error::invalid(QStringLiteral("--to-offset takes an offset (0 or more), not '%1'").arg(value));
        return kafka::OffsetTarget{Kind::Offset, number};
    }
    if (option == QLatin1String("shift-by")) {
        if (!ok)
            return kafka::Error::invalid(QStringLiteral("--shift-by takes a whole number (negative: back), not '%1'").arg(value));
        return kafka::OffsetTarget{Kind::ShiftBy, number};
    }
    return kafka::Error::invalid(QStringLiteral("unknown target --%1").arg(option));
}

int runGroups(const QStringList &arguments)
{
    const auto [action, rest] = takeAction(arguments);
    if (action == QLatin1String("list"))
        return runList(rest);
    if (action == QLatin1String("describe"))
        return runDescribe(rest);
    if (action == QLatin1String("reset-offsets"))
        return runResetOffsets(rest);
    if (action == QLatin1String("delete"))
        return runDelete(rest);
    if (action == QLatin1String("delete-offsets"))
        return runDeleteOffsets(rest);
    return actionUsage(Command, action,
                       {QStringLiteral("list"), QStringLiteral("describe"), QStringLiteral("reset-offsets"),
                        QStringLiteral("delete"), QStringLiteral("delete-offsets")},
                       QStringLiteral("Consumer-group administration on a real cluster (the sandbox answers none of it)."));
}

} // namespace cli
