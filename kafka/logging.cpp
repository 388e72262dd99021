#include "logging.h"

#include <QHash>
#include <QMutex>

#include <cstring>

namespace kafka {

Q_LOGGING_CATEGORY(lcRdKafka, "kafkadesk.rdkafka", QtWarningMsg)

namespace {
// One line per live client, so bounded by the number of clients. Never
// destroyed: clients are destroyed on the network pool, which can still be
// doing so while the process exits and runs static destructors (AddressSanitizer
// found a use after free here).
struct Failures {
    QMutex mutex;
    QHash<const rd_kafka_t *, QString> lastLine;
};
Failures &failures()
{
    static auto *instance = new Failures;
    return *instance;
}
} // namespace

QString lastConnectionFailure(const rd_kafka_t *rk)
{
    const QMutexLocker lock(&failures().mutex);
    return failures().lastLine.value(rk);
}

void forgetClient(const rd_kafka_t *rk)
{
    const QMutexLocker lock(&failures().mutex);
    failures().lastLine.remove(rk);
}

void logLine(const rd_kafka_t *rk, int level, const char *facility, const char *message)
{
    if (rk && level <= 3 && std::strcmp(facility, "FAIL") == 0) {
        const QMutexLocker lock(&failures().mutex);
        failures().lastLine.insert(rk, QString::fromUtf8(message));
    }
    // syslog levels. Connection failures arrive at level 3 and repeat on every
    // retry; the user already sees them as an Error value, so only critical
    // (0..2) lines reach stderr by default.
    const char *name = rk ? rd_kafka_name(rk) : "rdkafka";
    if (level <= 2)
        qCWarning(lcRdKafka, "%s %s: %s", name, facility, message);
    else
        qCDebug(lcRdKafka, "%s %s: %s", name, facility, message);
}

void installLogger(rd_kafka_conf_t *conf)
{
    rd_kafka_conf_set_log_cb(conf, logLine);
}

} // namespace kafka
