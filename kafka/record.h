#pragma once

#include "producer.h"

#include <QByteArray>
#include <QHashFunctions>
#include <QList>
#include <QMetaType>
#include <QString>

namespace kafka {

// Which time a message's timestamp is: the producer's (CreateTime) or the
// broker's, when it appended the message (LogAppendTime, a topic's
// message.timestamp.type). Unknown when the message has no timestamp.
enum class TimestampType : quint8 { Unknown, CreateTime, LogAppendTime };
QString timestampTypeName(TimestampType type); // "CreateTime", "LogAppendTime", "unknown"

// One consumed message. Key and value are kept as bytes (DESIGN.md) and
// decoded only for display; a null key or value (not the same as empty) is
// flagged.
struct Record {
    QString topic; // shared between the records of a topic, not copied
    int partition = -1;
    qint64 offset = -1;
    qint64 timestampMs = -1;
    QByteArray key;
    QByteArray value;
    QList<Header> headers;
    bool hasKey = false;
    bool hasValue = false;
    TimestampType timestampType = TimestampType::CreateTime;

    qsizetype size() const { return key.size() + value.size(); }
};

struct TopicPartition {
    QString topic;
    int partition = -1;
    friend bool operator==(const TopicPartition &, const TopicPartition &) = default;
    friend auto operator<=>(const TopicPartition &a, const TopicPartition &b)
    {
        if (auto c = a.topic.compare(b.topic); c != 0)
            return c <=> 0;
        return a.partition <=> b.partition;
    }
    friend size_t qHash(const TopicPartition &tp, size_t seed = 0) { return qHashMulti(seed, tp.topic, tp.partition); }
};

// Where a consumer stands on one of its partitions. -1 means not known yet.
struct PartitionProgress {
    TopicPartition partition;
    qint64 position = -1;  // the next offset it will read
    qint64 committed = -1; // the group's committed offset
    qint64 highWatermark = -1;

    // How far the group is behind: high watermark − committed offset (or
    // the position while nothing is committed). -1 when unknown.
    qint64 lag() const
    {
        const qint64 from = committed >= 0 ? committed : position;
        return highWatermark >= 0 && from >= 0 ? std::max<qint64>(0, highWatermark - from) : -1;
    }
};

// Something that happened to a consumer, for the events log. Warning: the
// consumer is in trouble it may come out of (no broker answers, a failed
// TLS or SASL step) and keeps trying; Recovered: it came out of it; Fatal:
// it cannot go on, and stops.
struct ConsumerEvent {
    enum class Kind { Assigned, Revoked, Error, Info, Warning, Recovered, Fatal };
    Kind kind = Kind::Info;
    qint64 timeMs = 0;
    QList<TopicPartition> partitions;
    QString message;
};

} // namespace kafka

Q_DECLARE_TYPEINFO(kafka::Record, Q_RELOCATABLE_TYPE);
Q_DECLARE_METATYPE(kafka::Record)
Q_DECLARE_METATYPE(kafka::PartitionProgress)
Q_DECLARE_METATYPE(kafka::ConsumerEvent)
