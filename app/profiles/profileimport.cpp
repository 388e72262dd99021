#include "profileimport.h"

#include "kafka/connectionspec.h"
#include "kafka/handles.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QStringDecoder>

#include <librdkafka/rdkafka.h>

namespace profiles {

namespace {

constexpr qsizetype MaxFileBytes = 1024 * 1024;

QString decode(const QByteArray &bytes)
{
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = utf8(bytes);
    // Java's Properties.load reads ISO-8859-1; what is not UTF-8 is that.
    return utf8.hasError() ? QString::fromLatin1(bytes) : text;
}

// java.util.Properties' escapes in a key or value.
QString unescapeJava(const QString &raw)
{
    QString out;
    out.reserve(raw.size());
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const QChar c = raw.at(i);
        if (c != u'\\' || i + 1 == raw.size()) {
            out.append(c);
            continue;
        }
        const QChar next = raw.at(++i);
        switch (next.unicode()) {
        case 't': out.append(u'\t'); break;
        case 'n': out.append(u'\n'); break;
        case 'r': out.append(u'\r'); break;
        case 'f': out.append(u'\f'); break;
        case 'u': {
            bool ok = false;
            const uint code = raw.mid(i + 1, 4).toUInt(&ok, 16);
            if (ok && raw.mid(i + 1, 4).size() == 4) {
                out.append(QChar(char16_t(code)));
                i += 4;
            } else {
                out.append(next);
            }
            break;
        }
        default: out.append(next);
        }
    }
    return out;
}

bool endsWithOddBackslashes(const QString &line)
{
    qsizetype count = 0;
    for (qsizetype i = line.size() - 1; i >= 0 && line.at(i) == u'\\'; --i)
        ++count;
    return count % 2 == 1;
}

bool isJavaSpace(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\f';
}

bool hasExtension(const QString &path, std::initializer_list<const char *> extensions)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    for (const char *e : extensions)
        if (suffix == QLatin1String(e))
            return true;
    return false;
}

// Java keys that say "this file is a Java client's".
bool isJavaOnly(const QString &key)
{
    return key == QLatin1String("sasl.jaas.config") || key.startsWith(QLatin1String("ssl.truststore."))
        || key == QLatin1String("ssl.keystore.type") || key.endsWith(QLatin1String(".serializer"))
        || key.endsWith(QLatin1String(".deserializer"));
}

QString jksConversion(const QString &path, const QString &what)
{
    if (what == QLatin1String("truststore"))
        return QStringLiteral(
                   "The truststore %1 is a Java KeyStore (JKS), which only Java reads; librdkafka takes the CA "
                   "certificates as PEM. Convert it, then import again with ssl.truststore.location=ca.pem and "
                   "ssl.truststore.type=PEM:\n"
                   "  keytool -importkeystore -srckeystore %1 -srcstoretype JKS -destkeystore truststore.p12 "
                   "-deststoretype PKCS12\n"
                   "  openssl pkcs12 -in truststore.p12 -nokeys -out ca.pem")
            .arg(path);
    return QStringLiteral("The keystore %1 is a Java KeyStore (JKS), which only Java reads; librdkafka takes a "
                          "PKCS#12 keystore. Convert it, then import again with ssl.keystore.location=keystore.p12 "
                          "and ssl.keystore.type=PKCS12:\n"
                          "  keytool -importkeystore -srckeystore %1 -srcstoretype JKS -destkeystore keystore.p12 "
                          "-deststoretype PKCS12")
        .arg(path);
}

// The store's type as Java would take it: the type given, else by the
// file's extension, else Java's default, JKS.
QString storeType(const QString &type, const QString &path)
{
    if (!type.isEmpty())
        return type.toUpper();
    if (hasExtension(path, {"pem", "crt", "cer"}))
        return QStringLiteral("PEM");
    if (hasExtension(path, {"p12", "pfx"}))
        return QStringLiteral("PKCS12");
    return QStringLiteral("JKS");
}

// Applies a JAAS line's credentials as librdkafka properties.
kafka::Error translateJaas(const QString &text, kafka::Properties *out)
{
    auto jaas = parseJaasConfig(text);
    if (!jaas.ok())
        return jaas.error();
    const QString module = jaas.value().loginModule;
    const auto put = [out](const char *key, const QString &value) {
        if (!value.isEmpty())
            out->append({QLatin1String(key), value});
    };
    if (module.endsWith(QLatin1String(".PlainLoginModule")) || module.endsWith(QLatin1String(".ScramLoginModule"))) {
        put("sasl.username", jaas.value().option(QStringLiteral("username")));
        put("sasl.password", jaas.value().option(QStringLiteral("password")));
        return {};
    }
    if (module.endsWith(QLatin1String(".OAuthBearerLoginModule"))) {
        put("sasl.oauthbearer.client.id", jaas.value().option(QStringLiteral("clientId")));
        put("sasl.oauthbearer.client.secret", jaas.value().option(QStringLiteral("clientSecret")));
        put("sasl.oauthbearer.scope", jaas.value().option(QStringLiteral("scope")));
        const QString subject = jaas.value().option(QStringLiteral("unsecuredLoginStringClaim_sub"));
        if (!subject.isEmpty())
            put("sasl.oauthbearer.config", QStringLiteral("principal=") + subject);
        return {};
    }
    return kafka::Error::invalid(QStringLiteral("sasl.jaas.config uses the login module %1: profiles take PLAIN, "
                                                "SCRAM and OAUTHBEARER credentials only.")
                                     .arg(module));
}

enum class Known { Yes, Unknown, Invalid };

Known librdkafkaKnows(const QString &key, const QString &value, QString *why)
{
    kafka::ConfPtr conf(rd_kafka_conf_new());
    char errstr[512];
    switch (rd_kafka_conf_set(conf.get(), key.toUtf8().constData(), value.toUtf8().constData(), errstr, sizeof errstr)) {
    case RD_KAFKA_CONF_OK:
        return Known::Yes;
    case RD_KAFKA_CONF_UNKNOWN:
        return Known::Unknown;
    default:
        *why = QString::fromUtf8(errstr);
        return Known::Invalid;
    }
}

} // namespace

QString JaasConfig::option(const QString &key) const
{
    for (const auto &[k, v] : options)
        if (k == key)
            return v;
    return {};
}

kafka::Result<kafka::Properties> parseJavaProperties(const QByteArray &bytes)
{
    if (bytes.size() > MaxFileBytes)
        return kafka::Error::invalid(QStringLiteral("A properties file of %1 bytes is not a client configuration "
                                                    "(at most %2 bytes).")
                                         .arg(bytes.size())
                                         .arg(MaxFileBytes));
    const QStringList lines = decode(bytes).split(QRegularExpression(QStringLiteral("\r\n|\r|\n")));
    kafka::Properties out;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString line = lines.at(i);
        qsizetype start = 0;
        while (start < line.size() && isJavaSpace(line.at(start)))
            ++start;
        line = line.mid(start);
        if (line.isEmpty() || line.startsWith(u'#') || line.startsWith(u'!'))
            continue;
        while (endsWithOddBackslashes(line) && i + 1 < lines.size()) {
            line.chop(1);
            QString next = lines.at(++i);
            qsizetype skip = 0;
            while (skip < next.size() && isJavaSpace(next.at(skip)))
                ++skip;
            line += next.mid(skip);
        }
        // The key ends at the first '=', ':' or blank not escaped.
        qsizetype end = 0;
        while (end < line.size()) {
            const QChar c = line.at(end);
            if (c == u'\\') {
                end += 2;
                continue;
            }
            if (c == u'=' || c == u':' || isJavaSpace(c))
                break;
            ++end;
        }
        end = std::min(end, line.size());
        const QString key = unescapeJava(line.left(end));
        qsizetype valueStart = end;
        while (valueStart < line.size() && isJavaSpace(line.at(valueStart)))
            ++valueStart;
        if (valueStart < line.size() && (line.at(valueStart) == u'=' || line.at(valueStart) == u':')) {
            ++valueStart;
            while (valueStart < line.size() && isJavaSpace(line.at(valueStart)))
                ++valueStart;
        }
        const QString value = unescapeJava(line.mid(valueStart));
        // Java keeps a key's last value, where it first stood.
        bool replaced = false;
        for (auto &[k, v] : out) {
            if (k == key) {
                v = value;
                replaced = true;
            }
        }
        if (!replaced)
            out.append({key, value});
    }
    return out;
}

kafka::Result<JaasConfig> parseJaasConfig(const QString &text)
{
    JaasConfig config;
    qsizetype i = 0;
    const auto skipSpace = [&] {
        while (i < text.size() && text.at(i).isSpace())
            ++i;
    };
    const auto word = [&] {
        const qsizetype begin = i;
        while (i < text.size() && !text.at(i).isSpace() && text.at(i) != u';' && text.at(i) != u'=')
            ++i;
        return text.mid(begin, i - begin);
    };
    const auto invalid = [](const QString &what) {
        return kafka::Error::invalid(QStringLiteral("sasl.jaas.config: %1. It reads like "
                                                    "'org.apache.kafka.common.security.scram.ScramLoginModule "
                                                    "required username=\"alice\" password=\"...\";'.")
                                         .arg(what));
    };
    skipSpace();
    config.loginModule = word();
    skipSpace();
    config.flag = word();
    static const QStringList flags{QStringLiteral("required"), QStringLiteral("requisite"),
                                   QStringLiteral("sufficient"), QStringLiteral("optional")};
    if (config.loginModule.isEmpty() || !flags.contains(config.flag, Qt::CaseInsensitive))
        return invalid(QStringLiteral("a login module and its flag (required) come first"));
    for (;;) {
        skipSpace();
        if (i >= text.size())
            return invalid(QStringLiteral("it does not end with ';'"));
        if (text.at(i) == u';') {
            ++i;
            skipSpace();
            if (i < text.size())
                return invalid(QStringLiteral("only one login module is taken; '%1' follows the ';'").arg(text.mid(i)));
            return config;
        }
        const QString key = word();
        skipSpace();
        if (key.isEmpty() || i >= text.size() || text.at(i) != u'=')
            return invalid(QStringLiteral("option '%1' has no '=value'").arg(key));
        ++i;
        skipSpace();
        QString value;
        if (i < text.size() && text.at(i) == u'"') {
            ++i;
            bool closed = false;
            while (i < text.size()) {
                const QChar c = text.at(i++);
                if (c == u'\\' && i < text.size()) {
                    value.append(text.at(i++));
                } else if (c == u'"') {
                    closed = true;
                    break;
                } else {
                    value.append(c);
                }
            }
            if (!closed)
                return invalid(QStringLiteral("the value of '%1' has no closing quote").arg(key));
        } else {
            value = word();
        }
        config.options.append({key, value});
    }
}

kafka::Result<Profile> importProfile(const QString &name, const QByteArray &fileBytes, QStringList *notes)
{
    auto java = parseJavaProperties(fileBytes);
    if (!java.ok())
        return java.error();
    bool isJava = false;
    for (const auto &[key, value] : java.value())
        isJava = isJava || isJavaOnly(key);
    // A librdkafka file is plain key=value lines: no escapes, a '\' is a '\'.
    kafka::Properties input;
    if (isJava) {
        input = java.value();
    } else {
        auto plain = kafka::parseProperties(decode(fileBytes));
        if (!plain.ok())
            return plain.error();
        input = plain.value();
    }

    Profile profile;
    profile.name = name;
    kafka::Properties librdkafka;
    QString truststore, truststoreType, keystore, keystoreType, keystorePassword, keyPassword;
    for (const auto &[key, value] : input) {
        if (key == QLatin1String("bootstrap.servers") || key == QLatin1String("metadata.broker.list")) {
            profile.bootstrapServers = value.trimmed();
        } else if (key == QLatin1String("sasl.jaas.config")) {
            if (auto err = translateJaas(value, &librdkafka))
                return err;
        } else if (key == QLatin1String("ssl.truststore.location")) {
            truststore = value;
        } else if (key == QLatin1String("ssl.truststore.type")) {
            truststoreType = value;
        } else if (key == QLatin1String("ssl.truststore.password")) {
            // A PEM CA file has none.
        } else if (isJava && key == QLatin1String("ssl.keystore.location")) {
            keystore = value;
        } else if (key == QLatin1String("ssl.keystore.type")) {
            keystoreType = value;
        } else if (isJava && key == QLatin1String("ssl.keystore.password")) {
            keystorePassword = value;
        } else if (isJava && key == QLatin1String("ssl.key.password")) {
            keyPassword = value;
        } else if (key == QLatin1String("ssl.truststore.certificates") || key == QLatin1String("ssl.keystore.key")
                   || key == QLatin1String("ssl.keystore.certificate.chain")) {
            return kafka::Error::invalid(QStringLiteral("%1 holds PEM text inline: save it to a file and name the file "
                                                        "with ssl.truststore.location or ssl.keystore.location.")
                                             .arg(key));
        } else if (isJava && key == QLatin1String("ssl.endpoint.identification.algorithm")) {
            // Java's empty value turns host-name verification off.
            if (value.trimmed().isEmpty())
                librdkafka.append({key, QStringLiteral("none")});
        } else if (key.endsWith(QLatin1String(".location")) && hasExtension(value, {"jks"})) {
            return kafka::Error::invalid(jksConversion(value, QStringLiteral("keystore")));
        } else {
            librdkafka.append({key, value});
        }
    }
    if (!truststore.isEmpty()) {
        const QString type = storeType(truststoreType, truststore);
        if (type == QLatin1String("JKS"))
            return kafka::Error::invalid(jksConversion(truststore, QStringLiteral("truststore")));
        if (type != QLatin1String("PEM"))
            return kafka::Error::invalid(
                QStringLiteral("The truststore %1 is %2; librdkafka takes the CA certificates as PEM. Convert it, "
                               "then import again with ssl.truststore.location=ca.pem and ssl.truststore.type=PEM:\n"
                               "  openssl pkcs12 -in %1 -nokeys -out ca.pem")
                    .arg(truststore, type));
        librdkafka.append({QStringLiteral("ssl.ca.location"), truststore});
    }
    if (!keystore.isEmpty()) {
        const QString type = storeType(keystoreType, keystore);
        if (type == QLatin1String("JKS"))
            return kafka::Error::invalid(jksConversion(keystore, QStringLiteral("keystore")));
        if (type == QLatin1String("PKCS12")) {
            if (!hasExtension(keystore, {"p12", "pfx"}))
                return kafka::Error::invalid(QStringLiteral("The PKCS#12 keystore %1 needs the extension .p12 or .pfx, "
                                                            "which tells it from a PEM file: rename it.")
                                                 .arg(keystore));
            librdkafka.append({QStringLiteral("ssl.keystore.location"), keystore});
            if (!keystorePassword.isEmpty())
                librdkafka.append({QStringLiteral("ssl.keystore.password"), keystorePassword});
        } else if (type == QLatin1String("PEM")) {
            // Java's PEM keystore holds the key and its certificate chain in one file.
            librdkafka.append({QStringLiteral("ssl.certificate.location"), keystore});
            librdkafka.append({QStringLiteral("ssl.key.location"), keystore});
            if (!keyPassword.isEmpty())
                librdkafka.append({QStringLiteral("ssl.key.password"), keyPassword});
        } else {
            return kafka::Error::invalid(QStringLiteral("The keystore %1 is of type %2: librdkafka takes PEM or PKCS12.")
                                             .arg(keystore, type));
        }
    }

    kafka::Properties rest;
    auto security = kafka::SecuritySettings::fromProperties(librdkafka, &rest);
    if (!security.ok())
        return security.error();
    profile.security = security.value();
    for (const auto &[key, value] : rest) {
        QString why;
        switch (librdkafkaKnows(key, value, &why)) {
        case Known::Yes:
            if (kafka::ConnectionSpec::isSecretProperty(key)) {
                if (notes)
                    notes->append(QStringLiteral("Left out %1: a secret the profile's form does not hold.").arg(key));
            } else {
                profile.extraProperties.append({key, value});
            }
            break;
        case Known::Unknown:
            if (notes)
                notes->append(QStringLiteral("Left out %1: not a librdkafka property.").arg(key));
            break;
        case Known::Invalid:
            return kafka::Error::invalid(QStringLiteral("Property %1: %2").arg(key, why));
        }
    }
    if (profile.bootstrapServers.isEmpty())
        return kafka::Error::invalid(QStringLiteral("The file names no bootstrap.servers."));
    if (auto err = profile.validate())
        return err;
    return profile;
}

QString exportProfile(const Profile &profile)
{
    QStringList lines{QStringLiteral("# Kafka Desk profile '%1', without its secrets.").arg(profile.name)};
    for (SecretField field : AllSecretFields) {
        if (profile.needs(field))
            lines.append(QStringLiteral("# Add %1 yourself: it stays in the keychain.").arg(secretFieldDescription(field)));
    }
    lines.append(QStringLiteral("bootstrap.servers=") + profile.bootstrapServers);
    const Profile withoutSecrets = profile.withoutSecrets();
    for (const auto &[key, value] : withoutSecrets.clientConfig().properties)
        lines.append(key + u'=' + value);
    return lines.join(u'\n') + u'\n';
}

} // namespace profiles
