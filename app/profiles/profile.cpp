#include "profile.h"

#include "kafka/sandbox.h"

#include <QStringList>

namespace profiles {

namespace {

// A stand-in for a secret not known yet, so that validate() checks the rest
// of the form as it would be with it.
const QString SecretPlaceholder = QStringLiteral("(secret)");

QString text(bool value)
{
    return value ? QStringLiteral("true") : QStringLiteral("false");
}

bool flag(const QVariantMap &values, const char *key, bool fallback)
{
    const QString value = values.value(QLatin1String(key)).toString();
    return value.isEmpty() ? fallback : value == QLatin1String("true");
}

} // namespace

QString secretFieldName(SecretField field)
{
    switch (field) {
    case SecretField::Password:
        return QStringLiteral("password");
    case SecretField::ClientSecret:
        return QStringLiteral("client-secret");
    case SecretField::KeyPassword:
        return QStringLiteral("key-password");
    case SecretField::RegistryPassword:
        return QStringLiteral("registry-password");
    }
    return {};
}

QString secretFieldDescription(SecretField field)
{
    switch (field) {
    case SecretField::Password:
        return QStringLiteral("the password");
    case SecretField::ClientSecret:
        return QStringLiteral("the client secret");
    case SecretField::KeyPassword:
        return QStringLiteral("the key password");
    case SecretField::RegistryPassword:
        return QStringLiteral("the Schema Registry password");
    }
    return {};
}

kafka::Error validateProfileName(const QString &name)
{
    if (name.trimmed().isEmpty())
        return kafka::Error::invalid(QStringLiteral("A profile needs a name."));
    if (name.size() > Profile::MaxNameLength)
        return kafka::Error::invalid(
            QStringLiteral("A profile's name is at most %1 characters long.").arg(Profile::MaxNameLength));
    for (const QChar c : name) {
        if (c.category() == QChar::Other_Control || c == u'/')
            return kafka::Error::invalid(
                QStringLiteral("A profile's name cannot hold '/' or control characters: '%1'.").arg(name));
    }
    return {};
}

QString Profile::secret(SecretField field) const
{
    switch (field) {
    case SecretField::Password:
        return security.password;
    case SecretField::ClientSecret:
        return security.clientSecret;
    case SecretField::KeyPassword:
        return security.keyPassword;
    case SecretField::RegistryPassword:
        return schemaRegistryPassword;
    }
    return {};
}

void Profile::setSecret(SecretField field, const QString &value)
{
    switch (field) {
    case SecretField::Password:
        security.password = value;
        break;
    case SecretField::ClientSecret:
        security.clientSecret = value;
        break;
    case SecretField::KeyPassword:
        security.keyPassword = value;
        break;
    case SecretField::RegistryPassword:
        schemaRegistryPassword = value;
        break;
    }
}

Profile Profile::withoutSecrets() const
{
    Profile copy = *this;
    for (SecretField field : AllSecretFields)
        copy.setSecret(field, {});
    return copy;
}

bool Profile::needs(SecretField field) const
{
    // The sandbox may have a registry beside it (one running on this machine).
    if (field == SecretField::RegistryPassword)
        return !schemaRegistryUrl.isEmpty() && !schemaRegistryUser.isEmpty();
    if (sandbox)
        return false;
    switch (field) {
    case SecretField::Password:
        return security.usesSasl() && security.mechanism != kafka::SecuritySettings::Mechanism::OAuthBearer;
    case SecretField::ClientSecret:
        return security.usesOidc();
    case SecretField::KeyPassword:
        // Optional: an unencrypted key has none.
        return security.usesTls() && !security.certificateFile.isEmpty();
    case SecretField::RegistryPassword:
        break;
    }
    return false;
}

kafka::Error Profile::validate() const
{
    if (auto err = validateProfileName(name))
        return err;
    if (sandbox) {
        if (sandboxBrokers < kafka::Sandbox::MinBrokers || sandboxBrokers > kafka::Sandbox::MaxBrokers)
            return kafka::Error::invalid(QStringLiteral("The sandbox runs %1 to %2 brokers.")
                                             .arg(kafka::Sandbox::MinBrokers)
                                             .arg(kafka::Sandbox::MaxBrokers));
        return {};
    }
    if (auto err = kafka::validateBootstrapServers(bootstrapServers))
        return err;
    if (extraProperties.size() > MaxExtraProperties)
        return kafka::Error::invalid(QStringLiteral("A profile holds at most %1 extra properties.").arg(MaxExtraProperties));
    for (const auto &[key, value] : extraProperties) {
        if (kafka::ConnectionSpec::isSecretProperty(key))
            return kafka::Error::invalid(QStringLiteral("%1 is a secret: fill it in the security form, which keeps it "
                                                        "in the keychain, not among the extra properties.")
                                             .arg(key));
        if (value.size() > MaxTextLength)
            return kafka::Error::invalid(QStringLiteral("The value of %1 is longer than %2 characters.").arg(key).arg(MaxTextLength));
    }
    Profile withPlaceholders = *this;
    if (withPlaceholders.security.password.isEmpty())
        withPlaceholders.security.password = SecretPlaceholder;
    if (withPlaceholders.security.clientSecret.isEmpty())
        withPlaceholders.security.clientSecret = SecretPlaceholder;
    if (auto err = withPlaceholders.security.validate())
        return err;
    return withPlaceholders.clientConfig().validate();
}

kafka::Error Profile::validateForConnecting() const
{
    if (auto err = validate())
        return err;
    if (sandbox)
        return {};
    return security.validate();
}

kafka::SchemaRegistrySettings Profile::schemaRegistry() const
{
    kafka::SchemaRegistrySettings settings;
    settings.url = schemaRegistryUrl.trimmed();
    settings.username = schemaRegistryUser;
    settings.password = schemaRegistryPassword;
    return settings;
}

kafka::ClientConfig Profile::clientConfig() const
{
    if (sandbox)
        return {QString(), extraProperties};
    return {bootstrapServers.trimmed(), security.toProperties() + extraProperties};
}

kafka::ConnectionSpec Profile::connectionSpec() const
{
    if (sandbox) {
        auto spec = kafka::ConnectionSpec::sandbox(sandboxBrokers);
        spec.properties = extraProperties;
        return spec;
    }
    auto spec = kafka::ConnectionSpec::bootstrap(bootstrapServers.trimmed());
    spec.properties = clientConfig().properties;
    return spec;
}

QVariantMap Profile::toSettings() const
{
    QStringList properties;
    for (const auto &[key, value] : extraProperties)
        properties.append(key + u'=' + value);
    const kafka::SecuritySettings &s = security;
    return {
        {QStringLiteral("sandbox"), text(sandbox)},
        {QStringLiteral("sandboxBrokers"), QString::number(sandboxBrokers)},
        {QStringLiteral("bootstrap"), bootstrapServers},
        {QStringLiteral("securityProtocol"), kafka::SecuritySettings::protocolName(s.protocol)},
        {QStringLiteral("saslMechanism"), kafka::SecuritySettings::mechanismName(s.mechanism)},
        {QStringLiteral("username"), s.username},
        {QStringLiteral("tokenEndpoint"), s.tokenEndpoint},
        {QStringLiteral("clientId"), s.clientId},
        {QStringLiteral("scope"), s.scope},
        {QStringLiteral("caFile"), s.caFile},
        {QStringLiteral("certificateFile"), s.certificateFile},
        {QStringLiteral("keyFile"), s.keyFile},
        {QStringLiteral("verifyServer"), text(s.verifyServer)},
        {QStringLiteral("properties"), properties},
        {QStringLiteral("readOnly"), text(readOnly)},
        {QStringLiteral("schemaRegistryUrl"), schemaRegistryUrl},
        {QStringLiteral("schemaRegistryUser"), schemaRegistryUser},
    };
}

Profile Profile::fromSettings(const QString &name, const QVariantMap &values)
{
    const auto get = [&values](const char *key) { return values.value(QLatin1String(key)).toString(); };
    Profile p;
    p.name = name;
    p.sandbox = flag(values, "sandbox", false);
    bool ok = false;
    const int brokers = get("sandboxBrokers").toInt(&ok);
    if (ok)
        p.sandboxBrokers = brokers;
    p.bootstrapServers = get("bootstrap");
    // An unknown name (a settings file edited by hand) keeps the default.
    if (auto protocol = kafka::SecuritySettings::parseProtocol(get("securityProtocol")); protocol.ok())
        p.security.protocol = protocol.value();
    if (auto mechanism = kafka::SecuritySettings::parseMechanism(get("saslMechanism")); mechanism.ok())
        p.security.mechanism = mechanism.value();
    p.security.username = get("username");
    p.security.tokenEndpoint = get("tokenEndpoint");
    p.security.clientId = get("clientId");
    p.security.scope = get("scope");
    p.security.caFile = get("caFile");
    p.security.certificateFile = get("certificateFile");
    p.security.keyFile = get("keyFile");
    p.security.verifyServer = flag(values, "verifyServer", true);
    const auto properties =
        kafka::parseProperties(values.value(QStringLiteral("properties")).toStringList().join(u'\n'));
    if (properties.ok())
        p.extraProperties = properties.value();
    p.readOnly = flag(values, "readOnly", false);
    p.schemaRegistryUrl = get("schemaRegistryUrl");
    p.schemaRegistryUser = get("schemaRegistryUser");
    return p;
}

} // namespace profiles
