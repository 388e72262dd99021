#include "registryoptions.h"

#include "profileaccess.h"
#include "subcommandparser.h"


namespace cli {

RegistryOptions::RegistryOptions(const QString &urlDescription)
    : url(QStringLiteral("schema-registry"), urlDescription, QStringLiteral("URL")),
      user(QStringLiteral("registry-user"), QStringLiteral("User name for the registry (HTTP basic auth)."),
           QStringLiteral("USER")),
      passwordFile(QStringLiteral("registry-password-file"),
                   QStringLiteral("File whose first line is the registry password."), QStringLiteral("FILE"))
{
}

bool RegistryOptions::anySet(const SubcommandParser &parser) const
{
    return parser.isSet(url) || parser.isSet(user) || parser.isSet(passwordFile);
}

kafka::Result<std::optional<kafka::SchemaRegistrySettings>>
RegistryOptions::settings(const SubcommandParser &parser, const QString &profileName) const
{
    kafka::SchemaRegistrySettings settings;
    settings.url = parser.value(url);
    // A profile may name its cluster's registry and login (its password in
    // the keychain); what the options give wins.
    if (settings.url.isEmpty() && !profileName.isEmpty()) {
        auto fromProfile = profileRegistry(profileName, !parser.isSet(passwordFile));
        if (!fromProfile.ok())
            return fromProfile.error();
        settings = fromProfile.value();
    }
    if (settings.url.isEmpty())
        return std::optional<kafka::SchemaRegistrySettings>();
    if (!kafka::isRegistryUrl(settings.url))
        return kafka::Error::invalid(
            QStringLiteral("--schema-registry takes an http:// or https:// URL, not '%1'").arg(settings.url));
    if (parser.isSet(user))
        settings.username = parser.value(user);
    if (parser.isSet(passwordFile)) {
        const auto password = readSecretFile(parser.value(passwordFile));
        if (!password.ok())
            return kafka::Error::invalid(password.error().message);
        settings.password = password.value();
    }
    return std::optional<kafka::SchemaRegistrySettings>(settings);
}

} // namespace cli
