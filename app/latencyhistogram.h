#pragma once

#include <QtGlobal>

#include <array>

// Delivery latencies of one interval, for its percentiles in fixed memory
// however many messages it had: a log-scale histogram of 8 buckets per
// doubling, so a percentile is off by at most one bucket, under 9.1 %
// (2^(1/8)), and never outside the smallest and largest latency seen.
class LatencyHistogram {
public:
    static constexpr int BucketsPerDoubling = 8;
    // Up to 2^40 µs (12 days): more than any message timeout.
    static constexpr int BucketCount = 40 * BucketsPerDoubling + 1;

    void add(qint64 latencyUs);
    void clear();
    qint64 count() const { return m_count; }
    // The latency (µs) that `fraction` (0..1) of those added are at or
    // below, within a bucket's width; -1 when none were added.
    qint64 percentile(double fraction) const;

private:
    static int bucketOf(qint64 latencyUs);
    static qint64 upperEdge(int bucket);

    std::array<quint32, BucketCount> m_buckets{};
    qint64 m_count = 0;
    qint64 m_min = -1;
    qint64 m_max = -1;
};
