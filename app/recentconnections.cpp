#include "recentconnections.h"

#include <QSettings>

namespace RecentConnections {

namespace {
const QString Key = QStringLiteral("recentConnections");
}

QList<kafka::ConnectionSpec> load()
{
    QList<kafka::ConnectionSpec> specs;
    const QVariantList stored = QSettings().value(Key).toList();
    for (const QVariant &entry : stored)
        specs.append(kafka::ConnectionSpec::fromVariant(entry.toMap()));
    return specs;
}

void remember(const kafka::ConnectionSpec &spec)
{
    const QVariantMap entry = spec.toVariant();
    QVariantList stored = QSettings().value(Key).toList();
    stored.removeAll(entry);
    stored.prepend(entry);
    while (stored.size() > MaxCount)
        stored.removeLast();
    QSettings().setValue(Key, stored);
}

} // namespace RecentConnections
