#pragma once

#include "kafka/record.h"

#include <QString>

// A Kafka message timestamp (milliseconds since the epoch) in words. A
// message may have none: librdkafka then gives -1, and any negative value is
// shown as unknown, never as a date in 1969. A time is always shown with its
// zone, so that it means the same thing in a screenshot or a bug report.
namespace timestamptext {

// ISO 8601 in the local zone, with its offset from UTC:
// "2023-11-15T03:43:20.123+05:30"; "unknown" without a timestamp.
QString local(qint64 msSinceEpoch);
// ISO 8601 in UTC: "2023-11-14T22:13:20.123Z"; "unknown" without a timestamp.
QString utc(qint64 msSinceEpoch);
// Both, for a record's detail: "2023-11-15T03:43:20.123+05:30
// (2023-11-14T22:13:20.123Z UTC)"; "no timestamp" without one.
QString localAndUtc(qint64 msSinceEpoch);
// The same after which time it is: "LogAppendTime 2023-11-15T03:43:20.123+05:30
// (2023-11-14T22:13:20.123Z UTC)"; "no timestamp" without one.
QString typedLocalAndUtc(qint64 msSinceEpoch, kafka::TimestampType type);
// For a tooltip: which time, the UTC time and the raw number, or why
// there is no time ("No timestamp: the message carries none (-1)").
QString details(qint64 msSinceEpoch, kafka::TimestampType type);

} // namespace timestamptext
