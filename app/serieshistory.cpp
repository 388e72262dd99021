#include "serieshistory.h"

#include <algorithm>

SeriesHistory::SeriesHistory(int capacity, int maxValues)
    : m_capacity(std::max(1, capacity)), m_maxValues(std::max(0, maxValues))
{
}

void SeriesHistory::append(Point point)
{
    if (point.values.size() > m_maxValues)
        point.values.resize(m_maxValues);
    // Exactly the values: a list grown by appends may hold spare room.
    point.values.squeeze();
    if (int(m_points.size()) == m_capacity)
        m_points.pop_front();
    m_points.push_back(std::move(point));
}

namespace {
// A QList's allocation: its header and its elements (Qt 6 keeps the header
// with the data).
constexpr qint64 ListHeaderBytes = 16;
} // namespace

qint64 SeriesHistory::memoryBytes() const
{
    qint64 bytes = 0;
    for (const Point &point : m_points)
        bytes += qint64(sizeof(Point)) + (point.values.capacity() > 0
                                              ? ListHeaderBytes + point.values.capacity() * qint64(sizeof(double))
                                              : 0);
    return bytes;
}

qint64 SeriesHistory::maxMemoryBytes() const
{
    return qint64(m_capacity) * (qint64(sizeof(Point)) + ListHeaderBytes + m_maxValues * qint64(sizeof(double)));
}
