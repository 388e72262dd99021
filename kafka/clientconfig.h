#pragma once

#include "error.h"
#include "handles.h"

#include <QList>
#include <QString>

#include <utility>

namespace kafka {

using Property = std::pair<QString, QString>;
using Properties = QList<Property>;

// What a librdkafka client needs to reach a cluster: bootstrap servers plus
// the user's own client properties. Validation is librdkafka's own: the
// properties are applied to a real rd_kafka_conf_t, so an unknown key or a bad
// value is refused with librdkafka's message before any connection is made.
struct ClientConfig {
    QString bootstrapServers;
    Properties properties;

    // Builds a configuration with the logger installed; the caller adds
    // callbacks and hands it to rd_kafka_new.
    Result<ConfPtr> build() const;
    // Checks the properties without keeping the result.
    Error validate() const;
};

// rd_kafka_new with the conf's ownership handled: librdkafka takes it only
// on success, so on failure it is destroyed here. `what` names the client
// in the error ("a producer").
Result<HandlePtr> createHandle(rd_kafka_type_t type, ConfPtr conf, const QString &what);

// The message for a cluster that did not answer a request of client `rk`:
// with the client's last connection failure (a refused connection, a TLS
// handshake or a SASL step that failed, a name that does not resolve) and
// what to check for it, when librdkafka logged one.
Error cannotReach(const QString &bootstrapServers, rd_kafka_resp_err_t err, const rd_kafka_t *rk);

// "host:port[,host:port...]": each host non-empty, each port 1..65535; a
// host is an ASCII name or IPv4 address, or an IPv6 address in brackets.
// Checked before any connection so that a typo gets a message, not a timeout
// (or a connection to another host than the one meant).
Error validateBootstrapServers(const QString &list);

// key=value lines; blank lines and lines starting with '#' are ignored.
// A line without '=' or with an empty key, or a key set twice, is refused
// with its line number.
Result<Properties> parseProperties(const QString &text);

} // namespace kafka
