#include "registryoptions.h"

#include "profiles/profilestore.h"
#include "subcommandparser.h"

#include <QFile>

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
    // A profile may name its cluster's registry; --schema-registry wins.
    QString address = parser.value(url);
    if (address.isEmpty() && !profileName.isEmpty()) {
        if (const auto profile = profiles::ProfileStore().find(profileName))
            address = profile->schemaRegistryUrl.trimmed();
    }
    if (address.isEmpty())
        return std::optional<kafka::SchemaRegistrySettings>();
    if (!kafka::isRegistryUrl(address))
        return kafka::Error::invalid(QStringLiteral("--schema-registry takes an http:// or https:// URL, not '%1'").arg(address));
    kafka::SchemaRegistrySettings settings;
    settings.url = address;
    settings.username = parser.value(user);
    if (parser.isSet(passwordFile)) {
        QFile file(parser.value(passwordFile));
        if (!file.open(QIODevice::ReadOnly))
            return kafka::Error::invalid(QStringLiteral("cannot read the registry password from %1: %2")
                             .arg(file.fileName(), file.errorString()));
        // The first line, without its line break: what `echo secret > F` wrote.
        settings.password =
            QString::fromUtf8(file.readLine(64 * 1024)).remove(QLatin1Char('\n')).remove(QLatin1Char('\r'));
    }
    return std::optional<kafka::SchemaRegistrySettings>(settings);
}

} // namespace cli
