#include "latencyhistogram.h"

#include <algorithm>
#include <cmath>

int LatencyHistogram::bucketOf(qint64 latencyUs)
{
    if (latencyUs <= 1)
        return 0;
    const int bucket = int(std::ceil(std::log2(double(latencyUs)) * BucketsPerDoubling));
    return std::clamp(bucket, 0, BucketCount - 1);
}

qint64 LatencyHistogram::upperEdge(int bucket)
{
    return qint64(std::floor(std::exp2(double(bucket) / BucketsPerDoubling)));
}

void LatencyHistogram::add(qint64 latencyUs)
{
    latencyUs = std::max<qint64>(0, latencyUs);
    ++m_buckets[size_t(bucketOf(latencyUs))];
    m_min = m_count == 0 ? latencyUs : std::min(m_min, latencyUs);
    m_max = m_count == 0 ? latencyUs : std::max(m_max, latencyUs);
    ++m_count;
}

void LatencyHistogram::clear()
{
    m_buckets.fill(0);
    m_count = 0;
    m_min = m_max = -1;
}

qint64 LatencyHistogram::percentile(double fraction) const
{
    if (m_count == 0)
        return -1;
    // Nearest rank: the smallest latency with at least this many at or below it.
    const qint64 rank = std::max<qint64>(1, qint64(std::ceil(std::clamp(fraction, 0.0, 1.0) * double(m_count))));
    qint64 seen = 0;
    for (int bucket = 0; bucket < BucketCount; ++bucket) {
        seen += m_buckets[size_t(bucket)];
        if (seen >= rank)
            return std::clamp(upperEdge(bucket), m_min, m_max);
    }
    return m_max;
}
