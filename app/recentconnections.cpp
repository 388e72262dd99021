#include "recentconnections.h"

#include "settingswriter.h"

#include <QSettings>

#include <optional>

namespace RecentConnections {

namespace {
const QString Key = QStringLiteral("recentConnections");
// Used on the GUI thread only.
std::optional<QVariantList> cache;
QVariantList &stored()
{
    if (!cache)
        cache = QSettings().value(Key).toList();
    return *cache;
}
} // namespace

QList<kafka::ConnectionSpec> load()
{
    QList<kafka::ConnectionSpec> specs;
    for (const QVariant &entry : std::as_const(stored()))
        specs.append(kafka::ConnectionSpec::fromVariant(entry.toMap()));
    return specs;
}

void remember(const kafka::ConnectionSpec &spec)
{
    const QVariantMap entry = spec.toVariant();
    QVariantList &list = stored();
    list.removeAll(entry);
    list.prepend(entry);
    while (list.size() > MaxCount)
        list.removeLast();
    SettingsWriter::write({{Key, list}});
}

void reload()
{
    SettingsWriter::waitForWrites(-1);
    cache.reset();
}

} // namespace RecentConnections
