#pragma once

// The secured listeners of the real cluster a test runs against, started by
// scripts/kafka-cluster.sh start --security (CTest fixture secure_kafka).
// The test learns them as a user would: from the lines the script prints,
// here those of `kafka-cluster.sh status --port-base N`
// (KAFKADESK_CLUSTER_SCRIPT, KAFKADESK_TEST_KAFKA_PORT_BASE):
//   sasl_ssl: HOST:PORT,...        SCRAM-SHA-512
//   sasl_plaintext: HOST:PORT,...  PLAIN, OAUTHBEARER (unsecured tokens)
//   ssl: HOST:PORT,...             client certificates required
//   ca: PATH
//   client-cert: CERT_PATH KEY_PATH
//   user: NAME PASSWORD
//   misadvertised: HOST:PORT,...   PLAINTEXT, advertising unreachable.invalid

#include "kcat.h"

#include "kafka/error.h"

#include <QFileInfo>
#include <QHash>

namespace testsupport {

struct SecureCluster {
    QString saslSsl;
    QString saslPlaintext;
    QString ssl;
    QString caFile;
    QString caKeyFile; // next to the CA file: for certificates a test makes
    QString clientCertificate;
    QString clientKey;
    QString user;
    QString password;
    QString misadvertised;

    static kafka::Result<SecureCluster> fromStatus()
    {
        const QString script = qEnvironmentVariable("KAFKADESK_CLUSTER_SCRIPT");
        const QString portBase = qEnvironmentVariable("KAFKADESK_TEST_KAFKA_PORT_BASE");
        if (script.isEmpty() || portBase.isEmpty())
            return kafka::Error::invalid(QStringLiteral("KAFKADESK_CLUSTER_SCRIPT and KAFKADESK_TEST_KAFKA_PORT_BASE must "
                                                        "name the secured cluster under test"));
        const ProcessResult status = run(script, {QStringLiteral("status"), QStringLiteral("--port-base"), portBase}, {}, 30000);
        if (!status.finished || status.exitCode != 0)
            return kafka::Error::invalid(QStringLiteral("kafka-cluster.sh status failed: ") + QString::fromUtf8(status.err));
        QHash<QString, QString> lines;
        for (const QString &line : QString::fromUtf8(status.out).split(u'\n')) {
            const qsizetype colon = line.indexOf(QLatin1String(": "));
            if (colon > 0)
                lines.insert(line.left(colon), line.mid(colon + 2).trimmed());
        }
        SecureCluster out;
        out.saslSsl = lines.value(QStringLiteral("sasl_ssl"));
        out.saslPlaintext = lines.value(QStringLiteral("sasl_plaintext"));
        out.ssl = lines.value(QStringLiteral("ssl"));
        out.misadvertised = lines.value(QStringLiteral("misadvertised"));
        out.caFile = lines.value(QStringLiteral("ca"));
        out.caKeyFile = QFileInfo(out.caFile).absolutePath() + QStringLiteral("/ca.key");
        const QStringList cert = lines.value(QStringLiteral("client-cert")).split(u' ');
        const QStringList user = lines.value(QStringLiteral("user")).split(u' ');
        if (out.saslSsl.isEmpty() || out.saslPlaintext.isEmpty() || out.ssl.isEmpty() || out.caFile.isEmpty()
            || out.misadvertised.isEmpty()
            || cert.size() != 2 || user.size() != 2)
            return kafka::Error::invalid(QStringLiteral("the cluster on port base %1 is not a --security one; status said:\n%2")
                                             .arg(portBase, QString::fromUtf8(status.out)));
        out.clientCertificate = cert[0];
        out.clientKey = cert[1];
        out.user = user[0];
        out.password = user[1];
        return out;
    }
};

} // namespace testsupport
