#pragma once

#include "profile.h"

#include "kafka/clientconfig.h"
#include "kafka/error.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

namespace profiles {

// Profiles from the client configurations people already have, and back.

// A Java .properties file (java.util.Properties' syntax: '=', ':' or a
// blank between key and value, '#'/'!' comments, '\' escapes, \uXXXX and
// continued lines), in its order; a key set twice keeps its last value, as
// in Java.
kafka::Result<kafka::Properties> parseJavaProperties(const QByteArray &bytes);

// A JAAS configuration line as Kafka's sasl.jaas.config holds it:
// "LoginModuleClass FLAG key="value" key=value ...;" (values quoted or not;
// '\' escapes a quote or backslash in a quoted value).
struct JaasConfig {
    QString loginModule;
    QString flag;
    QList<std::pair<QString, QString>> options;

    QString option(const QString &key) const;
};
kafka::Result<JaasConfig> parseJaasConfig(const QString &text);

// A profile from a Java client's .properties (bootstrap.servers,
// security.protocol, sasl.mechanism, sasl.jaas.config, ssl.truststore.* and
// ssl.keystore.* of type PEM or PKCS12) or a librdkafka/kcat properties
// file. Secrets found are in the profile (for SecretStore); Java client
// properties librdkafka does not take are left out and named in `notes`. A
// JKS store, which librdkafka cannot read, is refused with the commands that
// convert it.
kafka::Result<Profile> importProfile(const QString &name, const QByteArray &fileBytes, QStringList *notes);

// A librdkafka properties file for `profile`, without any secret: what
// kcat -F or another librdkafka client reads, with a comment for each
// secret left out.
QString exportProfile(const Profile &profile);

} // namespace profiles
