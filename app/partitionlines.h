#pragma once

#include "kafka/record.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>

// The partitions a chart has lines (or a history has values) for, in the
// order they first came, each with its index: bounded, as a chart's points
// keep at most so many values; those that come later have no index and
// count in the totals only. Names a line "p3" when every partition is of
// one topic, "orders/3" when there are several.
class PartitionLines {
    Q_DECLARE_TR_FUNCTIONS(PartitionLines)
public:
    explicit PartitionLines(int maxCount);

    // The partition's index, given one if it is new and there is room; -1
    // if there is none.
    int add(const kafka::TopicPartition &tp);
    // Its index; -1 if it has none.
    int indexOf(const kafka::TopicPartition &tp) const { return m_index.value(tp, -1); }
    int size() const { return int(m_partitions.size()); }
    int maxCount() const { return m_maxCount; }
    const QList<kafka::TopicPartition> &partitions() const { return m_partitions; }
    QString name(int index) const;
    void clear();

private:
    int m_maxCount;
    QList<kafka::TopicPartition> m_partitions;
    QHash<kafka::TopicPartition, int> m_index;
};
