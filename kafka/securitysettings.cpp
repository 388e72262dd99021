#include "securitysettings.h"

#include <QFileInfo>

#include <array>
#include <utility>

namespace kafka {

namespace {

constexpr std::array protocolNames{
    std::pair{SecuritySettings::Protocol::Plaintext, "PLAINTEXT"},
    std::pair{SecuritySettings::Protocol::Ssl, "SSL"},
    std::pair{SecuritySettings::Protocol::SaslPlaintext, "SASL_PLAINTEXT"},
    std::pair{SecuritySettings::Protocol::SaslSsl, "SASL_SSL"},
};
constexpr std::array mechanismNames{
    std::pair{SecuritySettings::Mechanism::Plain, "PLAIN"},
    std::pair{SecuritySettings::Mechanism::ScramSha256, "SCRAM-SHA-256"},
    std::pair{SecuritySettings::Mechanism::ScramSha512, "SCRAM-SHA-512"},
    std::pair{SecuritySettings::Mechanism::OAuthBearer, "OAUTHBEARER"},
};

template <typename Names>
QStringList allNames(const Names &names)
{
    QStringList out;
    for (const auto &[value, name] : names)
        out.append(QLatin1String(name));
    return out;
}

Error checkFile(const QString &path, const QString &what)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Error::invalid(QStringLiteral("The %1 %2 does not exist.").arg(what, path));
    if (!info.isFile() || !info.isReadable())
        return Error::invalid(QStringLiteral("The %1 %2 is not a readable file.").arg(what, path));
    return {};
}

// The unsecured JWT librdkafka makes itself: "principal=NAME".
QString unsecuredPrincipal(const QString &config)
{
    for (const QString &part : config.split(u' ', Qt::SkipEmptyParts)) {
        if (part.startsWith(QLatin1String("principal=")))
            return part.mid(10);
    }
    return {};
}

} // namespace

bool SecuritySettings::isPkcs12() const
{
    return certificateFile.endsWith(QLatin1String(".p12"), Qt::CaseInsensitive)
        || certificateFile.endsWith(QLatin1String(".pfx"), Qt::CaseInsensitive);
}

QString SecuritySettings::protocolName(Protocol protocol)
{
    for (const auto &[value, name] : protocolNames) {
        if (value == protocol)
            return QLatin1String(name);
    }
    return {};
}

QString SecuritySettings::mechanismName(Mechanism mechanism)
{
    for (const auto &[value, name] : mechanismNames) {
        if (value == mechanism)
            return QLatin1String(name);
    }
    return {};
}

Result<SecuritySettings::Protocol> SecuritySettings::parseProtocol(const QString &name)
{
    for (const auto &[value, known] : protocolNames) {
        if (name.compare(QLatin1String(known), Qt::CaseInsensitive) == 0)
            return value;
    }
    return Error::invalid(QStringLiteral("Unknown security protocol '%1': use one of %2.")
                              .arg(name, allNames(protocolNames).join(QLatin1String(", "))));
}

Result<SecuritySettings::Mechanism> SecuritySettings::parseMechanism(const QString &name)
{
    for (const auto &[value, known] : mechanismNames) {
        if (name.compare(QLatin1String(known), Qt::CaseInsensitive) == 0)
            return value;
    }
    return Error::invalid(QStringLiteral("Unknown SASL mechanism '%1': use one of %2.")
                              .arg(name, allNames(mechanismNames).join(QLatin1String(", "))));
}

Error SecuritySettings::validate() const
{
    if (usesSasl()) {
        const bool oauth = mechanism == Mechanism::OAuthBearer;
        if (usesOidc()) {
            if (clientId.isEmpty() || clientSecret.isEmpty())
                return Error::invalid(QStringLiteral("OAUTHBEARER with a token endpoint needs a client id and a client secret."));
            if (!tokenEndpoint.startsWith(QLatin1String("https://")) && !tokenEndpoint.startsWith(QLatin1String("http://")))
                return Error::invalid(QStringLiteral("The token endpoint must be an http:// or https:// URL, not '%1'.").arg(tokenEndpoint));
        } else if (username.isEmpty()) {
            return Error::invalid(oauth ? QStringLiteral("OAUTHBEARER needs a token endpoint, or a user name for an unsecured test token.")
                                        : QStringLiteral("%1 needs a user name.").arg(mechanismName(mechanism)));
        } else if (!oauth && password.isEmpty()) {
            return Error::invalid(QStringLiteral("%1 needs a password for user '%2'.").arg(mechanismName(mechanism), username));
        }
    }
    if (!usesTls()) {
        if (!caFile.isEmpty() || !certificateFile.isEmpty() || !keyFile.isEmpty())
            return Error::invalid(QStringLiteral("TLS files are set but the security protocol %1 does not use TLS: choose SSL or SASL_SSL.")
                                      .arg(protocolName(protocol)));
        return {};
    }
    if (!caFile.isEmpty())
        if (auto err = checkFile(caFile, QStringLiteral("CA file")))
            return err;
    if (!certificateFile.isEmpty())
        if (auto err = checkFile(certificateFile, QStringLiteral("client certificate")))
            return err;
    if (!keyFile.isEmpty()) {
        if (certificateFile.isEmpty())
            return Error::invalid(QStringLiteral("A client key needs its client certificate."));
        if (isPkcs12())
            return Error::invalid(QStringLiteral("A PKCS#12 keystore holds its own key: leave the key file empty."));
        if (auto err = checkFile(keyFile, QStringLiteral("client key")))
            return err;
    } else if (!certificateFile.isEmpty() && !isPkcs12()) {
        return Error::invalid(QStringLiteral("A PEM client certificate needs its key file."));
    }
    return {};
}

QStringList SecuritySettings::warnings() const
{
    if (usesTls() && !verifyServer)
        return {QStringLiteral("The server's certificate and host name are not verified: anyone between you and the "
                               "cluster can read and change what is sent, passwords included.")};
    return {};
}

Properties SecuritySettings::toProperties() const
{
    Properties out{{QStringLiteral("security.protocol"), protocolName(protocol).toLower()}};
    const auto put = [&out](const char *key, const QString &value) {
        if (!value.isEmpty())
            out.append({QLatin1String(key), value});
    };
    if (usesSasl()) {
        put("sasl.mechanism", mechanismName(mechanism));
        if (mechanism != Mechanism::OAuthBearer) {
            put("sasl.username", username);
            put("sasl.password", password);
        } else if (usesOidc()) {
            put("sasl.oauthbearer.method", QStringLiteral("oidc"));
            put("sasl.oauthbearer.token.endpoint.url", tokenEndpoint);
            put("sasl.oauthbearer.client.id", clientId);
            put("sasl.oauthbearer.client.secret", clientSecret);
            put("sasl.oauthbearer.scope", scope);
        } else {
            // librdkafka makes the unsecured token itself only when told to;
            // without this it wants a token refresh callback and never connects.
            put("enable.sasl.oauthbearer.unsecure.jwt", QStringLiteral("true"));
            put("sasl.oauthbearer.config", QStringLiteral("principal=") + username);
        }
    }
    if (usesTls()) {
        put("ssl.ca.location", caFile);
        if (isPkcs12()) {
            put("ssl.keystore.location", certificateFile);
            put("ssl.keystore.password", keyPassword);
        } else {
            put("ssl.certificate.location", certificateFile);
            put("ssl.key.location", keyFile);
            put("ssl.key.password", keyPassword);
        }
        if (!verifyServer) {
            put("enable.ssl.certificate.verification", QStringLiteral("false"));
            put("ssl.endpoint.identification.algorithm", QStringLiteral("none"));
        }
    }
    return out;
}

Result<SecuritySettings> SecuritySettings::fromProperties(const Properties &properties, Properties *rest)
{
    SecuritySettings s;
    for (const Property &property : properties) {
        const QString &key = property.first;
        const QString &value = property.second;
        const auto is = [&key](const char *name) { return key == QLatin1String(name); };
        if (is("security.protocol")) {
            auto protocol = parseProtocol(value);
            if (!protocol.ok())
                return protocol.error();
            s.protocol = protocol.value();
        } else if (is("sasl.mechanism") || is("sasl.mechanisms")) {
            auto mechanism = parseMechanism(value);
            if (!mechanism.ok())
                return mechanism.error();
            s.mechanism = mechanism.value();
        } else if (is("sasl.username")) {
            s.username = value;
        } else if (is("sasl.password")) {
            s.password = value;
        } else if (is("sasl.oauthbearer.config")) {
            s.username = unsecuredPrincipal(value);
        } else if (is("sasl.oauthbearer.token.endpoint.url")) {
            s.tokenEndpoint = value;
        } else if (is("sasl.oauthbearer.client.id")) {
            s.clientId = value;
        } else if (is("sasl.oauthbearer.client.secret")) {
            s.clientSecret = value;
        } else if (is("sasl.oauthbearer.scope")) {
            s.scope = value;
        } else if (is("ssl.ca.location")) {
            s.caFile = value;
        } else if (is("ssl.certificate.location") || is("ssl.keystore.location")) {
            s.certificateFile = value;
        } else if (is("ssl.key.location")) {
            s.keyFile = value;
        } else if (is("ssl.key.password") || is("ssl.keystore.password")) {
            s.keyPassword = value;
        } else if (is("enable.ssl.certificate.verification")) {
            s.verifyServer = value.compare(QLatin1String("false"), Qt::CaseInsensitive) != 0;
        } else if (is("ssl.endpoint.identification.algorithm") && value == QLatin1String("none")) {
            s.verifyServer = false;
        } else if (!is("sasl.oauthbearer.method") && !is("enable.sasl.oauthbearer.unsecure.jwt") && rest) {
            rest->append({key, value});
        }
    }
    return s;
}

SecuritySettings SecuritySettings::withoutSecrets() const
{
    SecuritySettings out = *this;
    out.password.clear();
    out.clientSecret.clear();
    out.keyPassword.clear();
    return out;
}

} // namespace kafka
