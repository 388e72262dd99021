#pragma once

#include "serieshistory.h"

#include <QList>

// A topic's message rate over time, from the high watermarks that
// successive refreshes fetch: per partition, messages appended between two
// samples over the seconds between them, and their total. Bounded: the
// latest capacity() points (600 by default: 50 minutes at the window's 5 s
// refresh). Unknown stays unknown (NaN): a partition whose watermark was
// not fetched at either end, or went down (the topic was re-created), has
// no rate for that interval, and neither has the total. The points are a
// SeriesHistory: total, and one value per partition.
class RateHistory {
public:
    static constexpr int DefaultCapacity = 600;

    // timeMs: the later sample's; total and values (by partition index):
    // messages per second, NaN if unknown.
    using Point = SeriesHistory::Point;

    explicit RateHistory(int capacity = DefaultCapacity);

    // The topic's high watermarks at `timeMs`, by partition (-1: unknown).
    // The first sample only sets the baseline, as does one with another
    // partition count (which also drops the points so far: the series no
    // longer match). A sample not later than the last is ignored. Returns
    // whether a point was added.
    bool addSample(qint64 timeMs, const QList<qint64> &highWatermarks);
    void clear();

    const std::deque<Point> &points() const { return m_series.points(); }
    const SeriesHistory &series() const { return m_series; }
    int capacity() const { return m_series.capacity(); }
    // Partitions of the samples so far (0 before the first).
    int partitionCount() const { return int(m_last.size()); }

private:
    SeriesHistory m_series;
    qint64 m_lastTimeMs = -1;
    QList<qint64> m_last;
};
