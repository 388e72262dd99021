#pragma once

#include "clientconfig.h"
#include "error.h"

#include <QString>
#include <QVariantMap>

namespace kafka {

// What the user chose to connect to: the built-in sandbox (with a broker
// count) or a cluster reached through bootstrap servers; either way with
// optional client properties handed to librdkafka.
struct ConnectionSpec {
    enum class Kind { Sandbox, Bootstrap };

    Kind kind = Kind::Sandbox;
    int sandboxBrokers = 3;
    QString bootstrapServers;
    Properties properties;

    static ConnectionSpec sandbox(int brokers) { return {Kind::Sandbox, brokers, {}, {}}; }
    static ConnectionSpec bootstrap(const QString &servers) { return {Kind::Bootstrap, 3, servers, {}}; }

    bool isSandbox() const { return kind == Kind::Sandbox; }
    QString displayName() const;
    // Everything that can be checked without a network: the broker count,
    // the bootstrap list's syntax, and the properties (by librdkafka itself).
    Error validate() const;

    // For the recent-connections list. Secret properties (passwords, keys)
    // are left out: they never go into a plain settings file.
    QVariantMap toVariant() const;
    static ConnectionSpec fromVariant(const QVariantMap &map);
    static bool isSecretProperty(const QString &key);

    friend bool operator==(const ConnectionSpec &, const ConnectionSpec &) = default;
};

} // namespace kafka
