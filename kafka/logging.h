#pragma once

#include <librdkafka/rdkafka.h>

#include <QLoggingCategory>

namespace kafka {

Q_DECLARE_LOGGING_CATEGORY(lcRdKafka)

// Routes librdkafka's own log lines into the "kafkadesk.rdkafka" logging
// category instead of stderr. librdkafka may call this from any of its
// threads; Qt's logging is thread-safe. Enable with
// QT_LOGGING_RULES="kafkadesk.rdkafka.debug=true".
void installLogger(rd_kafka_conf_t *conf);
// The callback installLogger installs, for a client that watches some lines
// itself and passes every line on.
void logLine(const rd_kafka_t *rk, int level, const char *facility, const char *message);

// The last connection failure client `rk` logged ("ssl://host:9093/1: SSL
// handshake failed: ..."), or empty: librdkafka says why a broker cannot
// be reached only in these lines, while a request just times out.
QString lastConnectionFailure(const rd_kafka_t *rk);
// Drops what was kept for a client that is gone (HandleDeleter does).
void forgetClient(const rd_kafka_t *rk);

} // namespace kafka
