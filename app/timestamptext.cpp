#include "timestamptext.h"

#include <QCoreApplication>
#include <QDateTime>

namespace timestamptext {

namespace {
QString unknown()
{
    return QCoreApplication::translate("timestamptext", "unknown");
}

// "+05:30", "-03:00", "+00:00": Qt's ISO format leaves the offset out for
// local time, so it is added here (and kept as an offset, not "Z", since
// the local zone is not UTC just because it is at offset 0 today).
QString offsetText(int offsetSeconds)
{
    const QChar sign = offsetSeconds < 0 ? QLatin1Char('-') : QLatin1Char('+');
    const int minutes = std::abs(offsetSeconds) / 60;
    return sign + QStringLiteral("%1:%2").arg(minutes / 60, 2, 10, QLatin1Char('0')).arg(minutes % 60, 2, 10, QLatin1Char('0'));
}
} // namespace

QString local(qint64 msSinceEpoch)
{
    if (msSinceEpoch < 0)
        return unknown();
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(msSinceEpoch);
    return time.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) + offsetText(time.offsetFromUtc());
}

QString utc(qint64 msSinceEpoch)
{
    if (msSinceEpoch < 0)
        return unknown();
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString localAndUtc(qint64 msSinceEpoch)
{
    if (msSinceEpoch < 0)
        return QCoreApplication::translate("timestamptext", "no timestamp");
    return QCoreApplication::translate("timestamptext", "%1 (%2 UTC)").arg(local(msSinceEpoch), utc(msSinceEpoch));
}

QString typedLocalAndUtc(qint64 msSinceEpoch, kafka::TimestampType type)
{
    if (msSinceEpoch < 0)
        return localAndUtc(msSinceEpoch);
    return kafka::timestampTypeName(type) + QLatin1Char(' ') + localAndUtc(msSinceEpoch);
}

QString details(qint64 msSinceEpoch, kafka::TimestampType type)
{
    if (msSinceEpoch < 0)
        return QCoreApplication::translate("timestamptext", "No timestamp: the message carries none (%1)").arg(msSinceEpoch);
    const QString which = type == kafka::TimestampType::LogAppendTime
                              ? QCoreApplication::translate("timestamptext", "LogAppendTime: when the broker appended it")
                          : type == kafka::TimestampType::CreateTime
                              ? QCoreApplication::translate("timestamptext", "CreateTime: set by its producer")
                              : QCoreApplication::translate("timestamptext", "of unknown type");
    return QCoreApplication::translate("timestamptext", "%1 UTC · %2 ms since the epoch · %3")
        .arg(utc(msSinceEpoch))
        .arg(msSinceEpoch)
        .arg(which);
}

} // namespace timestamptext
