#include "topicconsumers.h"

#include "partialsum.h"

#include <QCoreApplication>
#include <QStringList>

QString topicConsumersText(const QList<kafka::GroupInfo> &groups, const QString &topic)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("TopicConsumers", text); };
    QStringList parts;
    for (const kafka::GroupInfo &group : groups) {
        PartialSum lag;
        for (const kafka::PartitionProgress &p : group.offsets)
            if (p.partition.topic == topic)
                lag.add(p.lag());
        bool assigned = false;
        for (const kafka::GroupMemberInfo &member : group.members)
            for (const kafka::TopicPartition &tp : member.partitions)
                assigned = assigned || tp.topic == topic;
        if (lag.parts() == 0 && !assigned)
            continue;
        parts.append(lag.parts() == 0 ? tr("%1 (lag unknown: nothing committed)").arg(group.id)
                                      : tr("%1 (lag %2)").arg(group.id, lag.describe()));
    }
    if (parts.isEmpty())
        return tr("No consumer group consumes it (none has members on it or offsets in it).");
    return tr("Consumed by: %1").arg(parts.join(QStringLiteral(" · ")));
}
