#pragma once

#include <QList>

#include <deque>

// A bounded time series for the live charts: one point per interval, each
// with a total and a value per line (partition, percentile, ...). Bounded
// in count (the latest capacity() points) and in bytes (at most
// maxValues() values a point), so that hours of samples take no more than
// minutes of them. Unknown stays unknown: NaN, drawn as a gap, never 0.
class SeriesHistory {
public:
    // 10 minutes at one point a second.
    static constexpr int DefaultCapacity = 600;
    // Values a point keeps; append() drops the rest (a caller that wants
    // them in the total counts them before).
    static constexpr int DefaultMaxValues = 256;

    struct Point {
        qint64 timeMs = 0;     // the end of the interval, ms since the epoch
        qint64 intervalMs = 0; // its length
        double total = 0;      // NaN if unknown
        QList<double> values;  // by line (partition index, ...); NaN if unknown
    };

    explicit SeriesHistory(int capacity = DefaultCapacity, int maxValues = DefaultMaxValues);

    // Drops the oldest point when full; values past maxValues() are cut.
    void append(Point point);
    void clear() { m_points.clear(); }

    const std::deque<Point> &points() const { return m_points; }
    bool isEmpty() const { return m_points.empty(); }
    int capacity() const { return m_capacity; }
    int maxValues() const { return m_maxValues; }
    // What the points take in memory: each point and its values'
    // allocation (allocator and deque bookkeeping aside).
    qint64 memoryBytes() const;
    // The most memoryBytes() can reach: capacity() full points.
    qint64 maxMemoryBytes() const;

private:
    int m_capacity;
    int m_maxValues;
    std::deque<Point> m_points;
};
