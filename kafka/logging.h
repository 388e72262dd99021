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

} // namespace kafka
