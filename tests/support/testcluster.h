#pragma once

// The cluster a broker-facing test runs against. CTest runs each such test
// twice: as NAME on a fresh sandbox per test case, and as NAME_kafka on the
// real Apache Kafka cluster that its fixture started with
// scripts/kafka-cluster.sh (KAFKADESK_TEST_KAFKA holds its bootstrap
// servers). The test code is the same; only behaviour that truly differs is
// branched on real().
//
// The real cluster is shared by every test, in parallel, and keeps what
// earlier tests wrote, so there topic and group names get a suffix unique to
// the process and test case (name()); on a fresh sandbox they stay as given.

#include "kafka/clusterclient.h"
#include "kafka/connectionspec.h"
#include "kafka/sandbox.h"

#include <QCoreApplication>
#include <QTest>

#include <memory>

namespace testsupport {

class TestCluster {
public:
    static QString realBootstrap() { return qEnvironmentVariable("KAFKADESK_TEST_KAFKA"); }
    static bool real() { return !realBootstrap().isEmpty(); }

    // A fresh sandbox of `sandboxBrokers`, or the real cluster.
    static kafka::Result<std::unique_ptr<TestCluster>> start(int sandboxBrokers = 3)
    {
        std::unique_ptr<TestCluster> cluster(new TestCluster);
        if (real()) {
            cluster->m_bootstrap = realBootstrap();
        } else {
            auto sandbox = kafka::Sandbox::start(sandboxBrokers);
            if (!sandbox.ok())
                return sandbox.error();
            cluster->m_sandbox = std::move(sandbox).value();
            cluster->m_bootstrap = cluster->m_sandbox->bootstrapServers();
        }
        auto client = kafka::ClusterClient::create({cluster->m_bootstrap, {}});
        if (!client.ok())
            return client.error();
        cluster->m_client = std::move(client).value();
        return cluster;
    }

    QString bootstrapServers() const { return m_bootstrap; }
    // The sandbox under test, or nullptr on the real cluster.
    kafka::Sandbox *sandbox() const { return m_sandbox.get(); }
    const kafka::ClusterClient &client() const { return *m_client; }

    // `base`, made unique on the real cluster: base-<pid>-<test function>-<n>.
    static QString name(const QString &base)
    {
        static int names = 0;
        if (!real())
            return base;
        return QStringLiteral("%1-%2-%3-%4")
            .arg(base)
            .arg(QCoreApplication::applicationPid())
            .arg(QString::fromLatin1(QTest::currentTestFunction() ? QTest::currentTestFunction() : "init"))
            .arg(++names); // process-wide: data rows and repeated init()s differ too
    }

    // On the sandbox through the mock API; on the real cluster through the
    // Admin API, returning once every partition has a leader.
    kafka::Error createTopic(const kafka::TopicSpec &spec) const
    {
        return m_sandbox ? m_sandbox->createTopic(spec) : m_client->createTopic(spec, std::chrono::seconds(30));
    }

    // A window connecting to this cluster: the window's own new sandbox on
    // the sandbox (as a user opens it), the bootstrap servers on real Kafka.
    static kafka::ConnectionSpec windowSpec(int sandboxBrokers = 3)
    {
        return real() ? kafka::ConnectionSpec::bootstrap(realBootstrap()) : kafka::ConnectionSpec::sandbox(sandboxBrokers);
    }

private:
    TestCluster() = default;

    std::unique_ptr<kafka::Sandbox> m_sandbox;
    QString m_bootstrap;
    std::unique_ptr<kafka::ClusterClient> m_client; // declared last: destroyed before the sandbox
};

} // namespace testsupport
