#pragma once

#include "kafka/clientconfig.h"
#include "kafka/connectionspec.h"
#include "kafka/error.h"
#include "kafka/schemaregistry.h"
#include "kafka/securitysettings.h"

#include <QString>
#include <QVariantMap>

namespace profiles {

// The secrets a profile may have, each kept in the keychain under the
// profile's name and the field's (secretKey()), never in the settings.
enum class SecretField { Password, ClientSecret, KeyPassword, RegistryPassword };
inline constexpr SecretField AllSecretFields[] = {SecretField::Password, SecretField::ClientSecret,
                                                  SecretField::KeyPassword, SecretField::RegistryPassword};
// "password", "client-secret", "key-password", "registry-password": the
// keychain key's tail.
QString secretFieldName(SecretField field);
// "the password", "the client secret", "the key password": for messages.
QString secretFieldDescription(SecretField field);

// A named way to reach a cluster, as the user filled it in: the sandbox (a
// broker count) or bootstrap servers, how to authenticate and encrypt
// (kafka::SecuritySettings), extra librdkafka properties, and whether the
// user may change anything through it (read-only).
struct Profile {
    // Bounds of what is stored: a profile is a handful of short fields.
    static constexpr int MaxNameLength = 200;
    static constexpr int MaxExtraProperties = 200;
    static constexpr int MaxTextLength = 64 * 1024; // any one field or property value

    QString name;
    bool sandbox = false;
    int sandboxBrokers = 3;
    QString bootstrapServers;
    kafka::SecuritySettings security;
    kafka::Properties extraProperties; // on top of the security properties: later entries win
    bool readOnly = false;
    // The cluster's Schema Registry (optional): consumers decode with it,
    // `kafkadesk consume/produce --profile` use it. With a user, its
    // password is a secret (SecretField::RegistryPassword).
    QString schemaRegistryUrl;
    QString schemaRegistryUser;
    QString schemaRegistryPassword;

    friend bool operator==(const Profile &, const Profile &) = default;

    // What can be checked before any connection: the name, the bootstrap
    // list's syntax, the security form (secrets aside: a profile is stored
    // without them and may be saved before they are known), and every
    // property by librdkafka itself.
    kafka::Error validate() const;
    // validate(), and the secrets the form needs are there: checked right
    // before connecting.
    kafka::Error validateForConnecting() const;

    // Bootstrap servers, the security properties, then the extra ones.
    kafka::ClientConfig clientConfig() const;
    // For the window's connection: the sandbox, or the bootstrap servers
    // with the properties of clientConfig().
    kafka::ConnectionSpec connectionSpec() const;

    // The registry's address and login (empty URL: none).
    kafka::SchemaRegistrySettings schemaRegistry() const;

    // The secret `field` holds, and whether the form uses it at all.
    QString secret(SecretField field) const;
    void setSecret(SecretField field, const QString &value);
    bool needs(SecretField field) const;
    // A copy with every secret field empty: what may be kept or shown.
    Profile withoutSecrets() const;

    // The stored form: every field but the secrets, as text values (so that
    // the settings file is readable, and a secret that got there could be
    // found by a plain search of its bytes).
    QVariantMap toSettings() const;
    static Profile fromSettings(const QString &name, const QVariantMap &values);
};

// A profile's name is what the user sees and the keychain's key: non-empty,
// no longer than MaxNameLength, without control characters, no '/'
// (the keychain key's separator), not only spaces.
kafka::Error validateProfileName(const QString &name);

} // namespace profiles
