#pragma once

// Consumer groups as the tests set them up and check them: offsets
// committed from outside the group, a member that holds partitions, and
// where kcat, consuming in the group, starts.

#include "kafka/clientconfig.h"
#include "kafka/handles.h"

#include "guiwatchdog.h"
#include "kcat.h"

#include <QMap>
#include <QString>

namespace testsupport {

// Commits `offset` in every partition of `topic` for `group`, as a consumer
// outside the group would (no membership needed).
inline bool commitOffsets(const QString &bootstrap, const QString &group, const QString &topic, int partitions,
                          qint64 offset)
{
    const TestSideBlocking allow("the test commits offsets");
    auto conf = kafka::ClientConfig{bootstrap, {{QStringLiteral("group.id"), group}}}.build();
    if (!conf.ok())
        return false;
    auto handle = kafka::createHandle(RD_KAFKA_CONSUMER, std::move(conf).value(), QStringLiteral("a committer"));
    if (!handle.ok())
        return false;
    kafka::PartitionListPtr list(rd_kafka_topic_partition_list_new(partitions));
    for (int p = 0; p < partitions; ++p)
        rd_kafka_topic_partition_list_add(list.get(), topic.toUtf8().constData(), p)->offset = offset;
    const rd_kafka_resp_err_t err = rd_kafka_commit(handle.value().get(), list.get(), 0);
    rd_kafka_consumer_close(handle.value().get());
    return err == RD_KAFKA_RESP_ERR_NO_ERROR;
}

// A member of `group` subscribed to `topic`, polled by the test.
class GroupMember {
public:
    GroupMember(const QString &bootstrap, const QString &group, const QString &topic)
    {
        auto conf = kafka::ClientConfig{bootstrap, {{QStringLiteral("group.id"), group},
                                             {QStringLiteral("client.id"), QStringLiteral("member-under-test")},
                                             {QStringLiteral("enable.auto.commit"), QStringLiteral("false")}}}
                        .build();
        if (!conf.ok())
            return;
        auto handle = kafka::createHandle(RD_KAFKA_CONSUMER, std::move(conf).value(), QStringLiteral("a member"));
        if (!handle.ok())
            return;
        m_handle = std::move(handle).value();
        rd_kafka_poll_set_consumer(m_handle.get());
        kafka::PartitionListPtr topics(rd_kafka_topic_partition_list_new(1));
        rd_kafka_topic_partition_list_add(topics.get(), topic.toUtf8().constData(), RD_KAFKA_PARTITION_UA);
        rd_kafka_subscribe(m_handle.get(), topics.get());
    }
    // Polls once; true once the member has partitions.
    bool assigned()
    {
        const TestSideBlocking allow("the test polls a consumer");
        if (rd_kafka_message_t *message = rd_kafka_consumer_poll(m_handle.get(), 100))
            rd_kafka_message_destroy(message);
        rd_kafka_topic_partition_list_t *assignment = nullptr;
        if (rd_kafka_assignment(m_handle.get(), &assignment))
            return false;
        const bool any = assignment->cnt > 0;
        rd_kafka_topic_partition_list_destroy(assignment);
        return any;
    }
    void leave()
    {
        const TestSideBlocking allow("the test closes a consumer");
        if (m_handle)
            rd_kafka_consumer_close(m_handle.get());
        m_handle.reset();
    }
    ~GroupMember() { leave(); }

private:
    kafka::HandlePtr m_handle;
};

// The first offset kcat reads in each partition as a member of `group`:
// where the group's committed offsets send a consumer. It commits nothing.
inline QMap<int, qint64> firstOffsetsInGroup(const QString &bootstrap, const QString &group, const QString &topic)
{
    const auto read = kcat({QStringLiteral("-b"), bootstrap, QStringLiteral("-G"), group,
                                         QStringLiteral("-X"), QStringLiteral("enable.auto.commit=false"),
                           // kcat commits what is stored when it leaves: nothing then.
                           QStringLiteral("-X"), QStringLiteral("enable.auto.offset.store=false"),
                                         QStringLiteral("-e"), QStringLiteral("-q"), QStringLiteral("-f"),
                                         QStringLiteral("%p %o\n"), topic});
    QMap<int, qint64> first;
    for (const QString &line : QString::fromUtf8(read.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QStringList parts = line.split(QLatin1Char(' '));
        const int partition = parts.value(0).toInt();
        if (!first.contains(partition))
            first.insert(partition, parts.value(1).toLongLong());
    }
    return first;
}

} // namespace testsupport
