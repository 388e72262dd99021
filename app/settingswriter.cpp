#include "settingswriter.h"

#include "kafka/networkpool.h"

#include <QSettings>
#include <QThreadPool>

namespace SettingsWriter {

namespace {
// One thread, so that writes land in the order they were asked for.
QThreadPool *writerPool()
{
    static QThreadPool *const pool = [] {
        auto *p = new QThreadPool;
        p->setMaxThreadCount(1);
        p->setObjectName(QStringLiteral("settings"));
        return p;
    }();
    return pool;
}
} // namespace

void write(const QVariantMap &values)
{
    kafka::runOnPool(writerPool(), [values] {
        QSettings settings;
        for (auto it = values.cbegin(); it != values.cend(); ++it) {
            if (it.value().isValid())
                settings.setValue(it.key(), it.value());
            else
                settings.remove(it.key());
        }
        settings.sync();
    });
}

bool waitForWrites(int ms)
{
    return writerPool()->waitForDone(ms);
}

} // namespace SettingsWriter
