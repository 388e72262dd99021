#include "ratehistory.h"

#include <algorithm>
#include <cmath>
#include <limits>

RateHistory::RateHistory(int capacity) : m_series(capacity) {}

void RateHistory::clear()
{
    m_series.clear();
    m_lastTimeMs = -1;
    m_last.clear();
}

bool RateHistory::addSample(qint64 timeMs, const QList<qint64> &highWatermarks)
{
    if (m_lastTimeMs >= 0 && timeMs <= m_lastTimeMs)
        return false;
    if (m_lastTimeMs < 0 || highWatermarks.size() != m_last.size()) {
        m_series.clear();
        m_lastTimeMs = timeMs;
        m_last = highWatermarks;
        return false;
    }
    constexpr double Unknown = std::numeric_limits<double>::quiet_NaN();
    const double seconds = double(timeMs - m_lastTimeMs) / 1000.0;
    Point point;
    point.timeMs = timeMs;
    point.intervalMs = timeMs - m_lastTimeMs;
    point.values.reserve(highWatermarks.size());
    for (qsizetype i = 0; i < highWatermarks.size(); ++i) {
        const qint64 before = m_last[i], now = highWatermarks[i];
        const double rate = before < 0 || now < 0 || now < before ? Unknown : double(now - before) / seconds;
        point.values.append(rate);
        point.total += rate; // NaN once any is unknown
    }
    m_last = highWatermarks;
    m_lastTimeMs = timeMs;
    m_series.append(std::move(point));
    return true;
}
