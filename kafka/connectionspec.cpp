#include "connectionspec.h"

#include "sandbox.h"

#include <QStringList>

namespace kafka {

QString ConnectionSpec::displayName() const
{
    if (isSandbox())
        return QStringLiteral("Sandbox (%1 broker%2)").arg(sandboxBrokers).arg(sandboxBrokers == 1 ? QString() : QStringLiteral("s"));
    return bootstrapServers.trimmed();
}

Error ConnectionSpec::validate() const
{
    if (isSandbox()) {
        if (sandboxBrokers < Sandbox::MinBrokers || sandboxBrokers > Sandbox::MaxBrokers)
            return Error::invalid(QStringLiteral("The sandbox runs %1 to %2 brokers.")
                                      .arg(Sandbox::MinBrokers)
                                      .arg(Sandbox::MaxBrokers));
    } else if (auto err = validateBootstrapServers(bootstrapServers)) {
        return err;
    }
    return ClientConfig{{}, properties}.validate();
}

bool ConnectionSpec::isSecretProperty(const QString &key)
{
    return key.contains(QLatin1String("password")) || key.contains(QLatin1String("secret"))
        || key.endsWith(QLatin1String(".pem")) || key == QLatin1String("sasl.oauthbearer.config");
}

QVariantMap ConnectionSpec::toVariant() const
{
    QStringList lines;
    for (const auto &[key, value] : properties) {
        if (!isSecretProperty(key))
            lines.append(key + QLatin1Char('=') + value);
    }
    return {
        {QStringLiteral("kind"), isSandbox() ? QStringLiteral("sandbox") : QStringLiteral("bootstrap")},
        {QStringLiteral("brokers"), sandboxBrokers},
        {QStringLiteral("bootstrap"), bootstrapServers},
        {QStringLiteral("properties"), lines},
    };
}

ConnectionSpec ConnectionSpec::fromVariant(const QVariantMap &map)
{
    ConnectionSpec spec;
    spec.kind = map.value(QStringLiteral("kind")).toString() == QLatin1String("bootstrap") ? Kind::Bootstrap
                                                                                           : Kind::Sandbox;
    spec.sandboxBrokers = map.value(QStringLiteral("brokers"), 3).toInt();
    spec.bootstrapServers = map.value(QStringLiteral("bootstrap")).toString();
    const auto properties = parseProperties(map.value(QStringLiteral("properties")).toStringList().join(u'\n'));
    if (properties.ok())
        spec.properties = properties.value();
    return spec;
}

} // namespace kafka
