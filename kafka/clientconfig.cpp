#include "clientconfig.h"

#include "logging.h"

#include <QRegularExpression>
#include <QStringList>

#include <algorithm>

namespace kafka {

Result<ConfPtr> ClientConfig::build() const
{
    ConfPtr conf(rd_kafka_conf_new());
    installLogger(conf.get());
    char errstr[512];
    const auto set = [&](const QString &key, const QString &value) -> Error {
        // librdkafka reads C strings: whatever follows a NUL would be dropped unseen.
        if (key.contains(QChar(0)) || value.contains(QChar(0)))
            return Error::invalid(QStringLiteral("Client property '%1': contains a NUL character, which librdkafka "
                                                 "cannot take; remove it.")
                                      .arg(QString(key).remove(QChar(0))));
        if (rd_kafka_conf_set(conf.get(), key.toUtf8().constData(), value.toUtf8().constData(), errstr,
                              sizeof errstr)
            != RD_KAFKA_CONF_OK)
            return Error::invalid(QStringLiteral("Client property '%1': %2").arg(key, QString::fromUtf8(errstr)));
        return {};
    };
    for (const auto &[key, value] : properties) {
        if (auto err = set(key, value))
            return err;
    }
    if (!bootstrapServers.isEmpty()) {
        if (auto err = set(QStringLiteral("bootstrap.servers"), bootstrapServers))
            return err;
    }
    return conf;
}

Error ClientConfig::validate() const
{
    auto conf = build();
    return conf.ok() ? Error{} : conf.error();
}

Result<HandlePtr> createHandle(rd_kafka_type_t type, ConfPtr conf, const QString &what)
{
    char errstr[512];
    HandlePtr handle(rd_kafka_new(type, conf.get(), errstr, sizeof errstr));
    if (!handle)
        return Error::invalid(QStringLiteral("Cannot create %1: %2").arg(what, QString::fromUtf8(errstr)));
    conf.release(); // now owned by the handle
    return handle;
}

Error cannotReach(const QString &bootstrapServers, rd_kafka_resp_err_t err, const rd_kafka_t *rk)
{
    // "[thrd:...]: ssl://host:port/1: SSL handshake failed: ... (after 2ms in
    // state SSL_HANDSHAKE)": the broker and the reason are what a user needs.
    static const QRegularExpression noise(QStringLiteral("^\\[thrd:[^\\]]*\\]: | \\(after .*\\)$"));
    const QString failure = lastConnectionFailure(rk).remove(noise);
    QString check = QStringLiteral("the address and that the brokers are running");
    // Waiting will not mend these: the code tells callers that retry.
    if (failure.contains(QLatin1String("SSL"))) {
        err = RD_KAFKA_RESP_ERR__SSL;
        check = QStringLiteral("security.protocol and the TLS settings (ssl.*)");
    } else if (failure.contains(QLatin1String("SASL")) || failure.contains(QLatin1String("uthenticat"))) {
        err = RD_KAFKA_RESP_ERR__AUTHENTICATION;
        check = QStringLiteral("security.protocol and the SASL settings (mechanism, user name, password)");
    } else if (failure.contains(QLatin1String("resolve"))) {
        check = QStringLiteral("the host names");
    }
    return {err, QStringLiteral("Cannot reach %1: %2. Check %3, then retry.")
                     .arg(bootstrapServers, failure.isEmpty() ? QString::fromUtf8(rd_kafka_err2str(err)) : failure, check)};
}

Error validateBootstrapServers(const QString &list)
{
    const QString trimmed = list.trimmed();
    if (trimmed.isEmpty())
        return Error::invalid(QStringLiteral("Enter at least one bootstrap server as host:port, e.g. localhost:9092."));
    // What librdkafka takes as a host: a name or IPv4 address, or an IPv6
    // address in brackets. It reads "::1:9092" as the address ::1:9092 on
    // the default port, and stops reading at a NUL.
    static const QRegularExpression hostName(QStringLiteral("^[A-Za-z0-9._-]+$"));
    static const QRegularExpression bracketedIpv6(QStringLiteral("^\\[[0-9A-Fa-f:.]+(%[A-Za-z0-9._-]+)?\\]$"));
    const QStringList servers = trimmed.split(QLatin1Char(','));
    for (QString server : servers) {
        server = server.trimmed();
        const qsizetype colon = server.lastIndexOf(QLatin1Char(':'));
        QString host = colon > 0 ? server.left(colon) : QString();
        // librdkafka takes a listener's form too: PLAINTEXT://host:port.
        static const QRegularExpression protocol(QStringLiteral("^[A-Za-z_]+://"));
        host.remove(protocol);
        bool portOk = false;
        const int port = colon > 0 ? server.mid(colon + 1).toInt(&portOk) : 0;
        if (host.isEmpty() || host.contains(QLatin1Char(' ')))
            return Error::invalid(QStringLiteral("'%1' is not host:port (e.g. localhost:9092).").arg(server));
        if (!portOk || port < 1 || port > 65535)
            return Error::invalid(QStringLiteral("'%1' has no valid port: use a number from 1 to 65535.").arg(server));
        const bool bracketed = host.startsWith(QLatin1Char('['));
        const auto bad = std::find_if(host.cbegin(), host.cend(), [bracketed](QChar c) {
            const bool ascii = c.unicode() < 128 && c.isLetterOrNumber();
            return !ascii && c != u'.' && c != u'-' && c != u'_' && c != u':' && !(bracketed && QStringView(u"[]%").contains(c));
        });
        if (bad != host.cend())
            return Error::invalid(QStringLiteral("'%1' has a character a host name cannot have (U+%2): host names are "
                                                 "ASCII letters, digits, '.', '-' and '_' (an international name in "
                                                 "its xn-- form).")
                                      .arg(QString(server).replace(QChar(0), QChar::ReplacementCharacter),
                                           QString::number(bad->unicode(), 16).toUpper().rightJustified(4, u'0')));
        if (bracketed ? !bracketedIpv6.match(host).hasMatch() : !hostName.match(host).hasMatch())
            return Error::invalid(QStringLiteral("'%1' is not host:port: write an IPv6 address in brackets, e.g. [::1]:9092.")
                                      .arg(server));
    }
    return {};
}

Result<Properties> parseProperties(const QString &text)
{
    Properties properties;
    QList<qsizetype> lineOf; // the line of each property
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        const QString key = eq < 0 ? QString() : line.left(eq).trimmed();
        if (key.isEmpty())
            return Error::invalid(
                QStringLiteral("Client properties, line %1: expected key=value, got '%2'.").arg(i + 1).arg(line));
        // Two values for one key: librdkafka would take the later, unseen.
        const auto earlier = std::find_if(properties.cbegin(), properties.cend(),
                                          [&key](const Property &p) { return p.first == key; });
        if (earlier != properties.cend())
            return Error::invalid(QStringLiteral("Client properties, line %1: '%2' is already set on line %3.")
                                      .arg(i + 1)
                                      .arg(key)
                                      .arg(lineOf[earlier - properties.cbegin()] + 1));
        properties.append({key, line.mid(eq + 1).trimmed()});
        lineOf.append(i);
    }
    return properties;
}

} // namespace kafka
