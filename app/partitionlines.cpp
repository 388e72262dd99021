#include "partitionlines.h"

#include <algorithm>

PartitionLines::PartitionLines(int maxCount) : m_maxCount(std::max(0, maxCount)) {}

int PartitionLines::add(const kafka::TopicPartition &tp)
{
    const auto found = m_index.constFind(tp);
    if (found != m_index.cend())
        return *found;
    if (m_partitions.size() >= m_maxCount)
        return -1;
    m_partitions.append(tp);
    m_index.insert(tp, int(m_partitions.size()) - 1);
    return int(m_partitions.size()) - 1;
}

QString PartitionLines::name(int index) const
{
    const kafka::TopicPartition &tp = m_partitions.at(index);
    const bool oneTopic = std::all_of(m_partitions.cbegin(), m_partitions.cend(),
                                      [&tp](const kafka::TopicPartition &other) { return other.topic == tp.topic; });
    return oneTopic ? tr("p%1").arg(tp.partition) : QStringLiteral("%1/%2").arg(tp.topic).arg(tp.partition);
}

void PartitionLines::clear()
{
    m_partitions.clear();
    m_index.clear();
}
