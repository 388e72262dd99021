#include "connectioncheck.h"

#include "brokerprobe.h"
#include "logging.h"
#include "securitysettings.h"

#include <QMutex>
#include <QRegularExpression>
#include <QStringList>

#include <algorithm>
#include <cstring>

namespace kafka {

QString ConnectionReport::text() const
{
    QString out;
    for (const Step &step : steps)
        out += QStringLiteral("%1: %2%3\n").arg(step.name, step.ok ? QStringLiteral("ok") : QStringLiteral("FAILED"),
                                               step.detail.isEmpty() ? QString() : QStringLiteral(", ") + step.detail);
    return out;
}

namespace {

using Clock = BrokerProbe::Clock;

QString property(const Properties &properties, const char *key)
{
    for (const auto &[name, value] : properties) {
        if (name == QLatin1String(key))
            return value;
    }
    return {};
}

struct Server {
    QString host;
    int port = 0;
};

// "PLAINTEXT://host:9092,[::1]:9093" as librdkafka reads it (already validated).
QList<Server> servers(const QString &list)
{
    static const QRegularExpression protocol(QStringLiteral("^[A-Za-z_]+://"));
    QList<Server> out;
    for (QString server : list.split(u',', Qt::SkipEmptyParts)) {
        server = server.trimmed().remove(protocol);
        const qsizetype colon = server.lastIndexOf(u':');
        QString host = server.left(colon);
        if (host.startsWith(u'[') && host.endsWith(u']'))
            host = host.mid(1, host.size() - 2);
        out.append({host, server.mid(colon + 1).toInt()});
    }
    return out;
}

// What a librdkafka client said while trying: its FAIL log lines (the only
// place it says why a connection failed) and error events. Written by
// librdkafka's threads, read by the checking one; bounded.
struct Capture {
    QMutex mutex;
    QStringList lines;

    void add(const QString &line)
    {
        const QMutexLocker lock(&mutex);
        if (lines.size() >= 50)
            lines.removeFirst();
        lines.append(line);
    }
    QStringList take()
    {
        const QMutexLocker lock(&mutex);
        return lines;
    }
};

void onLog(const rd_kafka_t *rk, int level, const char *facility, const char *message)
{
    // Any level: "Disconnected while requesting ApiVersion" comes at level 6.
    if (auto *capture = static_cast<Capture *>(rd_kafka_opaque(rk)); capture && std::strcmp(facility, "FAIL") == 0)
        capture->add(QString::fromUtf8(message));
    logLine(rk, level, facility, message);
}

void onError(rd_kafka_t *, int, const char *reason, void *opaque)
{
    static_cast<Capture *>(opaque)->add(QString::fromUtf8(reason));
}

// librdkafka's line without its thread and timing: "sasl_ssl://host:9093/1:
// SASL authentication error: ...".
QString cleaned(QString line)
{
    static const QRegularExpression noise(QStringLiteral("^\\[thrd:[^\\]]*\\]: | \\(after [^)]*\\)$"));
    return line.remove(noise);
}

// The failed step a librdkafka line tells of, or an empty name if it tells
// of nothing decisive (a broker reconnecting).
ConnectionReport::Step classify(const QString &rawLine, const SecuritySettings &settings, bool kafka4)
{
    const QString line = cleaned(rawLine);
    const QString mechanism = SecuritySettings::mechanismName(settings.mechanism);
    const auto has = [&line](const char *text) { return line.contains(QLatin1String(text), Qt::CaseInsensitive); };
    if (has("Unsupported SASL mechanism")) {
        static const QRegularExpression offered(QStringLiteral("supported mechanisms: ([A-Za-z0-9_, -]+)"));
        const auto match = offered.match(line);
        return {QStringLiteral("SASL"), false,
                QStringLiteral("the broker does not offer mechanism %1 on this listener (it offers %2): choose one of those.")
                    .arg(mechanism, match.hasMatch() ? match.captured(1).trimmed() : QStringLiteral("others"))};
    }
    if (has("in current SASL state"))
        return {QStringLiteral("SASL"), false,
                QStringLiteral("this listener does not use SASL (%1): choose security protocol PLAINTEXT or SSL, or the "
                               "cluster's SASL port.")
                    .arg(line)};
    // librdkafka's guess when a broker hangs up after the first request of
    // a client that did not authenticate.
    if (has("might require SASL"))
        return {QStringLiteral("SASL"), false,
                QStringLiteral("the broker closed the connection after the first request: this listener requires SASL "
                               "authentication; choose security protocol %1 with a mechanism it offers, or the "
                               "cluster's %2 port.")
                    .arg(settings.usesTls() ? QStringLiteral("SASL_SSL") : QStringLiteral("SASL_PLAINTEXT"),
                         settings.usesTls() ? QStringLiteral("SSL") : QStringLiteral("PLAINTEXT"))};
    if (has("Authentication failed") || has("invalid credentials") || has("Invalid username or password")
        || has("SASL authentication error") || has("invalid_token")) {
        if (settings.mechanism == SecuritySettings::Mechanism::OAuthBearer)
            return {QStringLiteral("SASL"), false,
                    QStringLiteral("the broker refused the OAUTHBEARER token%1 (%2): check the token's principal, scope "
                                   "and issuer with the cluster's operators.")
                        .arg(settings.usesOidc() ? QString() : QStringLiteral(" for \"%1\"").arg(settings.username), line)};
        QString detail = QStringLiteral("authentication failed for user \"%1\" with %2: wrong user name or password (the "
                                        "broker said: %3).")
                             .arg(settings.username, mechanism, line);
        // librdkafka before 2.6.1 repeats its nonce in SCRAM's last message;
        // Kafka 4.0 checks it strictly and refuses every SCRAM login of it.
        const bool scram = settings.mechanism == SecuritySettings::Mechanism::ScramSha256
            || settings.mechanism == SecuritySettings::Mechanism::ScramSha512;
        if (scram && kafka4 && rd_kafka_version() < 0x020601ff)
            detail += QStringLiteral(" Or: this cluster runs Kafka 4.0 or newer, which refuses every SCRAM login of the "
                                     "librdkafka this program uses (%1; fixed in 2.6.1, librdkafka issue #4895): use "
                                     "another mechanism the cluster offers, or a newer librdkafka.")
                          .arg(QString::fromLatin1(rd_kafka_version_str()));
        return {QStringLiteral("SASL"), false, detail};
    }
    // Upper case: "ssl://host:port" starts every line of a TLS client.
    if (line.contains(QLatin1String("SSL")) || has("TLS alert") || has("certificate"))
        return {QStringLiteral("TLS"), false,
                QStringLiteral("librdkafka's TLS connection failed: %1. Check the TLS settings (ssl.*).").arg(line)};
    if (has("Disconnected while requesting ApiVersion"))
        return {QStringLiteral("Cluster"), false,
                QStringLiteral("the broker closed the connection at once (%1): the security protocol %2 may not be the "
                               "listener's.")
                    .arg(line, SecuritySettings::protocolName(settings.protocol))};
    return {};
}

// What librdkafka itself says about the config: SASL authentication, then
// the cluster's brokers. The probe has shown that TCP (and TLS) work.
void checkWithClient(const ClientConfig &config, const SecuritySettings &settings, bool kafka4,
                     Clock::time_point deadline, ConnectionReport &report)
{
    const auto started = Clock::now();
    auto conf = config.build();
    if (!conf.ok()) {
        report.steps.append({QStringLiteral("Settings"), false, conf.error().message});
        return;
    }
    Capture capture;
    rd_kafka_conf_set_opaque(conf.value().get(), &capture);
    rd_kafka_conf_set_log_cb(conf.value().get(), onLog);
    rd_kafka_conf_set_error_cb(conf.value().get(), onError);
    auto handle = createHandle(RD_KAFKA_PRODUCER, std::move(conf).value(), QStringLiteral("a client"));
    if (!handle.ok()) {
        report.steps.append({settings.usesSasl() ? QStringLiteral("SASL") : QStringLiteral("Settings"), false,
                             handle.error().message});
        return;
    }
    rd_kafka_t *rk = handle.value().get();

    const rd_kafka_metadata_t *metadata = nullptr;
    ConnectionReport::Step failure;
    while (!metadata && failure.name.isEmpty()) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0)
            break;
        // Slices, so that a decisive failure ends the wait early.
        if (rd_kafka_metadata(rk, 0, nullptr, &metadata, int(std::min<long long>(left.count(), 300))) != RD_KAFKA_RESP_ERR_NO_ERROR)
            metadata = nullptr;
        rd_kafka_poll(rk, 0); // serves error events
        for (const QString &line : capture.take()) {
            failure = classify(line, settings, kafka4);
            if (!failure.name.isEmpty())
                break;
        }
    }
    if (!metadata) {
        if (failure.name.isEmpty()) {
            const QStringList lines = capture.take();
            failure = {QStringLiteral("Cluster"), false,
                       QStringLiteral("no metadata from the cluster within %1 s%2.")
                           .arg(QString::number(std::chrono::duration<double>(Clock::now() - started).count(), 'f', 1),
                                lines.isEmpty() ? QString() : QStringLiteral(" (librdkafka: %1)").arg(cleaned(lines.last())))};
            if (!settings.usesSasl() && !lines.isEmpty() && lines.last().contains(QLatin1String("Disconnected")))
                failure.detail += QStringLiteral(" The broker closes the connection: this listener may require SASL "
                                                 "authentication; choose SASL_PLAINTEXT or SASL_SSL.");
        }
        report.steps.append(failure);
        return;
    }
    const MetadataPtr owned(metadata);

    if (settings.usesSasl()) {
        QString how;
        if (settings.usesOidc()) {
            report.authenticatedAs = settings.clientId;
            how = QStringLiteral("as client id \"%1\" with an OAUTHBEARER token from %2").arg(settings.clientId, settings.tokenEndpoint);
        } else {
            report.authenticatedAs = settings.username;
            how = settings.mechanism == SecuritySettings::Mechanism::OAuthBearer
                ? QStringLiteral("as \"%1\" with an unsecured OAUTHBEARER token").arg(settings.username)
                : QStringLiteral("as \"%1\" with %2").arg(settings.username, SecuritySettings::mechanismName(settings.mechanism));
        }
        report.steps.append({QStringLiteral("SASL"), true, QStringLiteral("authenticated ") + how});
    }

    report.brokerCount = metadata->broker_cnt;
    // Clients bootstrap on the address given, then talk to each broker at
    // the address the cluster advertises for it; a cluster behind NAT or in
    // Docker often advertises one only its own network can reach.
    QStringList unreachable;
    for (int i = 0; i < std::min(metadata->broker_cnt, 20) && Clock::now() < deadline; ++i) {
        BrokerProbe broker(QString::fromUtf8(metadata->brokers[i].host), metadata->brokers[i].port);
        const auto brokerDeadline = std::min(deadline, Clock::now() + std::chrono::seconds(3));
        auto reached = broker.resolve(brokerDeadline);
        if (reached.ok)
            reached = broker.connect(brokerDeadline);
        if (!reached.ok)
            unreachable.append(QStringLiteral("broker %1 at %2:%3 (%4)")
                                   .arg(metadata->brokers[i].id)
                                   .arg(QString::fromUtf8(metadata->brokers[i].host))
                                   .arg(metadata->brokers[i].port)
                                   .arg(reached.detail.section(QLatin1String(": check"), 0, 0)
                                            .section(QLatin1String(". Check"), 0, 0)));
    }
    if (!unreachable.isEmpty()) {
        report.steps.append({QStringLiteral("Cluster"), false,
                             QStringLiteral("the cluster answered, but advertises brokers this computer cannot reach: "
                                            "%1. Clients bootstrap here, then use those addresses: the brokers' "
                                            "advertised.listeners must name addresses clients can reach.")
                                 .arg(unreachable.join(QLatin1String("; ")))});
        return;
    }
    QStringList brokers;
    for (int i = 0; i < metadata->broker_cnt; ++i)
        brokers.append(QStringLiteral("%1:%2 (id %3)")
                           .arg(QString::fromUtf8(metadata->brokers[i].host))
                           .arg(metadata->brokers[i].port)
                           .arg(metadata->brokers[i].id));
    QString clusterId;
    if (char *id = rd_kafka_clusterid(rk, 0)) {
        clusterId = QString::fromUtf8(id);
        rd_kafka_mem_free(rk, id);
    }
    report.steps.append({QStringLiteral("Cluster"), true,
                         QStringLiteral("%1 %2: %3%4")
                             .arg(metadata->broker_cnt)
                             .arg(metadata->broker_cnt == 1 ? QStringLiteral("broker") : QStringLiteral("brokers"),
                                  brokers.join(QLatin1String(", ")),
                                  clusterId.isEmpty() ? QString() : QStringLiteral("; cluster id %1").arg(clusterId))});
    report.ok = true;
}

} // namespace

ConnectionReport checkConnection(const ClientConfig &config, std::chrono::milliseconds timeout)
{
    const auto deadline = Clock::now() + timeout;
    ConnectionReport report;
    const auto settingsFailed = [&report](const QString &why) {
        report.steps.append({QStringLiteral("Settings"), false, why});
        return report;
    };
    if (auto err = validateBootstrapServers(config.bootstrapServers))
        return settingsFailed(err.message);
    if (auto err = config.validate())
        return settingsFailed(err.message);
    auto parsed = SecuritySettings::fromProperties(config.properties);
    if (!parsed.ok())
        return settingsFailed(parsed.error().message);
    const SecuritySettings &settings = parsed.value();
    // Without a token endpoint nor librdkafka's unsecured token, librdkafka
    // waits for a token from a callback the application would set, silently.
    if (settings.usesSasl() && settings.mechanism == SecuritySettings::Mechanism::OAuthBearer
        && property(config.properties, "sasl.oauthbearer.method").compare(QLatin1String("oidc"), Qt::CaseInsensitive) != 0
        && property(config.properties, "enable.sasl.oauthbearer.unsecure.jwt") != QLatin1String("true"))
        return settingsFailed(QStringLiteral("OAUTHBEARER has no way to get a token: set a token endpoint with a client "
                                             "id and secret (OIDC), or, for a test cluster only, an unsecured token "
                                             "(enable.sasl.oauthbearer.unsecure.jwt=true with sasl.oauthbearer.config="
                                             "principal=NAME)."));

    // DNS and TCP: the first bootstrap server that takes a connection, as a
    // client tries them.
    std::unique_ptr<BrokerProbe> probe;
    QList<ConnectionReport::Step> firstFailure;
    for (const Server &server : servers(config.bootstrapServers)) {
        auto candidate = std::make_unique<BrokerProbe>(server.host, server.port);
        QList<ConnectionReport::Step> steps;
        const auto dns = candidate->resolve(deadline);
        steps.append({QStringLiteral("DNS"), dns.ok, dns.detail});
        if (dns.ok) {
            const auto tcp = candidate->connect(deadline);
            steps.append({QStringLiteral("TCP"), tcp.ok, tcp.detail});
        }
        if (steps.last().ok) {
            report.steps += steps;
            probe = std::move(candidate);
            break;
        }
        if (firstFailure.isEmpty())
            firstFailure = steps;
        if (Clock::now() >= deadline)
            break;
    }
    if (!probe) {
        report.steps += firstFailure;
        return report;
    }

    if (settings.usesTls()) {
        BrokerProbe::TlsOptions tls;
        tls.caLocation = property(config.properties, "ssl.ca.location");
        tls.verifyCertificate = property(config.properties, "enable.ssl.certificate.verification").compare(QLatin1String("false"), Qt::CaseInsensitive) != 0;
        // librdkafka 2.0 checks the host name by default ("https").
        tls.verifyHostName = property(config.properties, "ssl.endpoint.identification.algorithm").compare(QLatin1String("none"), Qt::CaseInsensitive) != 0;
        tls.certificateFile = settings.certificateFile;
        tls.keyFile = settings.keyFile;
        tls.keyPassword = settings.keyPassword;
        tls.pkcs12 = !property(config.properties, "ssl.keystore.location").isEmpty();
        tls.caPem = property(config.properties, "ssl.ca.pem").toUtf8();
        tls.certificatePem = property(config.properties, "ssl.certificate.pem").toUtf8();
        tls.keyPem = property(config.properties, "ssl.key.pem").toUtf8();
        const auto outcome = probe->startTls(tls, deadline);
        report.steps.append({QStringLiteral("TLS"), outcome.ok, outcome.detail});
        if (!outcome.ok)
            return report;
        if (!probe->clientCertificateSubject().isEmpty() && !settings.usesSasl())
            report.authenticatedAs = probe->clientCertificateSubject();
    }
    const auto kafka = probe->askApiVersions(deadline);
    report.steps.append({kafka.tlsRefused ? QStringLiteral("TLS") : QStringLiteral("Kafka"), kafka.ok, kafka.detail});
    if (!kafka.ok)
        return report;
    const bool kafka4 = probe->isKafka4OrNewer();
    probe.reset();

    checkWithClient(config, settings, kafka4, deadline, report);
    return report;
}

} // namespace kafka
