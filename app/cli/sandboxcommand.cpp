#include "sandboxcommand.h"

#include "signalquitter.h"
#include "usage.h"

#include "kafka/connection.h"
#include "kafka/sandbox.h"
#include "kafka/topicspec.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <algorithm>
#include <cstdio>

namespace cli {

namespace {
int usageError(const QCommandLineParser &parser, const QString &message)
{
    const QString help = subcommandHelp(parser, QStringLiteral("sandbox"));
    std::fprintf(stderr, "kafkadesk sandbox: %s\n\n%s", qPrintable(message), qPrintable(help));
    return 2;
}
} // namespace

int runSandbox(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Runs the built-in sandbox Kafka cluster on 127.0.0.1 until SIGINT or SIGTERM.\n"
        "Without --topic it creates 'demo' with 6 partitions and replication factor 3."));
    parser.addHelpOption();
    const QCommandLineOption brokersOption(QStringLiteral("brokers"),
                                           QStringLiteral("Number of brokers, %1 to %2 (default 3).")
                                               .arg(kafka::Sandbox::MinBrokers)
                                               .arg(kafka::Sandbox::MaxBrokers),
                                           QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption topicOption(QStringLiteral("topic"),
                                         QStringLiteral("A topic to create; repeat for more (RF defaults to 1)."),
                                         QStringLiteral("NAME:PARTITIONS[:RF]"));
    parser.addOption(brokersOption);
    parser.addOption(topicOption);

    if (!parser.parse(QStringList{QStringLiteral("kafkadesk sandbox")} + arguments))
        return usageError(parser, parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(subcommandHelp(parser, QStringLiteral("sandbox"))), stdout);
        return 0;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(parser, QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));

    bool brokersOk = false;
    const int brokers = parser.value(brokersOption).toInt(&brokersOk);
    if (!brokersOk || brokers < kafka::Sandbox::MinBrokers || brokers > kafka::Sandbox::MaxBrokers)
        return usageError(parser, QStringLiteral("--brokers takes a number from %1 to %2")
                                      .arg(kafka::Sandbox::MinBrokers)
                                      .arg(kafka::Sandbox::MaxBrokers));

    QList<kafka::TopicSpec> topics;
    for (const QString &text : parser.values(topicOption)) {
        auto topic = kafka::parseTopicSpec(text);
        if (!topic.ok())
            return usageError(parser, topic.error().message);
        if (topic.value().replicationFactor > brokers)
            return usageError(parser, QStringLiteral("topic '%1' asks for replication factor %2 but there are %3 brokers")
                                          .arg(topic.value().name)
                                          .arg(topic.value().replicationFactor)
                                          .arg(brokers));
        const bool duplicate = std::any_of(topics.begin(), topics.end(),
                                           [&](const kafka::TopicSpec &t) { return t.name == topic.value().name; });
        if (duplicate)
            return usageError(parser, QStringLiteral("topic '%1' is given twice").arg(topic.value().name));
        topics.append(topic.value());
    }
    if (topics.isEmpty())
        topics.append(kafka::Connection::defaultSandboxTopic(brokers));

    SignalQuitter quitter; // before the sandbox, so an early signal is not lost
    auto sandbox = kafka::Sandbox::start(brokers);
    if (!sandbox.ok()) {
        std::fprintf(stderr, "kafkadesk sandbox: %s\n", qPrintable(sandbox.error().message));
        return 1;
    }
    for (const auto &topic : topics) {
        if (auto err = sandbox.value()->createTopic(topic)) {
            std::fprintf(stderr, "kafkadesk sandbox: %s\n", qPrintable(err.message));
            return 2;
        }
        std::fprintf(stderr, "topic: %s partitions=%d replication=%d\n", qPrintable(topic.name), topic.partitions,
                     topic.replicationFactor);
    }
    std::fprintf(stderr, "note: %s\n", qPrintable(sandbox.value()->replicaNote()));
    std::printf("bootstrap: %s\n", qPrintable(sandbox.value()->bootstrapServers()));
    std::fflush(stdout);

    QCoreApplication::exec();
    std::fprintf(stderr, "kafkadesk sandbox: stopped (signal %d)\n", quitter.lastSignal());
    return 0;
}

} // namespace cli
