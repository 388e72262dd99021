#pragma once

#include "kafka/error.h"
#include "kafka/schemaregistry.h"

#include <QCommandLineOption>
#include <QList>

#include <optional>

namespace cli {

class SubcommandParser;

// The Schema Registry options consume and produce share: --schema-registry
// URL, --registry-user USER and --registry-password-file FILE.
struct RegistryOptions {
    // urlDescription: what the command does with the registry.
    explicit RegistryOptions(const QString &urlDescription);

    QList<QCommandLineOption> all() const { return {url, user, passwordFile}; }
    bool anySet(const SubcommandParser &parser) const;

    // The registry of --schema-registry, else the one the --profile names
    // (profileName, empty: none) with its login; --registry-user and
    // --registry-password-file win over the profile's. Nullopt when neither
    // names one. A usage error for a URL that is not http(s) or a password
    // file that cannot be read; a refusal (ClientOptions::exitFor: 1) when
    // the keychain does not give the profile's registry password.
    kafka::Result<std::optional<kafka::SchemaRegistrySettings>> settings(const SubcommandParser &parser,
                                                                         const QString &profileName) const;

    QCommandLineOption url;
    QCommandLineOption user;
    QCommandLineOption passwordFile;
};

} // namespace cli
