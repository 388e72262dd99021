#pragma once

#include "producer.h"

#include <QList>
#include <QMap>
#include <QString>

namespace kafka {

// Delivery accounting: every message handed over is counted as sent, and
// ends as delivered or failed, so sent = delivered + failed + inFlight()
// holds at every moment. Each distinct failure reason keeps its count.
struct DeliveryTally {
    qint64 sent = 0;
    qint64 delivered = 0;
    qint64 failed = 0;
    QMap<QString, qint64> failureReasons;

    qint64 inFlight() const { return sent - delivered - failed; }
    qint64 finished() const { return delivered + failed; }

    void add(const QList<Delivery> &deliveries)
    {
        for (const Delivery &d : deliveries) {
            if (d.delivered())
                ++delivered;
            else
                fail(d.errorText());
        }
    }
    void fail(const QString &reason, qint64 count = 1)
    {
        failed += count;
        failureReasons[reason] += count;
    }
};

} // namespace kafka
