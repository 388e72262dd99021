#include "logging.h"

namespace kafka {

Q_LOGGING_CATEGORY(lcRdKafka, "kafkadesk.rdkafka", QtWarningMsg)

void logLine(const rd_kafka_t *rk, int level, const char *facility, const char *message)
{
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
