// planConfigChange: what librdkafka 2.0.2's non-incremental AlterConfigs is
// sent, and what is refused. Pure: no cluster.

#include "kafka/configadmin.h"
#include "kafka/topicspec.h"

#include <QTest>

using namespace kafka;
using Source = ConfigEntry::Source;
using Overrides = QList<std::pair<QString, QString>>;

namespace {

ConfigEntry entry(const QString &name, std::optional<QString> value, Source source, bool sensitive = false,
                  bool readOnly = false)
{
    ConfigEntry e;
    e.name = name;
    e.value = std::move(value);
    e.source = source;
    e.sensitive = sensitive;
    e.readOnly = readOnly;
    e.isDefault = source == Source::Default;
    return e;
}

const ConfigResource Topic = ConfigResource::topic(QStringLiteral("orders"));
const ConfigResource Broker = ConfigResource::broker(2);

QList<ConfigEntry> topicConfigs()
{
    return {entry(QStringLiteral("cleanup.policy"), QStringLiteral("compact"), Source::DynamicTopic),
            entry(QStringLiteral("max.message.bytes"), QStringLiteral("1048588"), Source::Default),
            entry(QStringLiteral("retention.ms"), QStringLiteral("3600000"), Source::DynamicTopic),
            entry(QStringLiteral("segment.bytes"), QStringLiteral("1073741824"), Source::StaticBroker)};
}

} // namespace

class TestConfigPlan : public QObject {
    Q_OBJECT
private slots:
    // Changing one value sends every other override again, as it is: the
    // one thing that keeps a non-incremental AlterConfigs from wiping them.
    void otherOverridesAreSentAgain()
    {
        const auto plan = planConfigChange(Topic, topicConfigs(), {{QStringLiteral("retention.ms"), QStringLiteral("60000")}});
        QVERIFY2(plan.ok(), qPrintable(plan.error().message));
        QCOMPARE(plan.value().overrides, (Overrides{{QStringLiteral("cleanup.policy"), QStringLiteral("compact")},
                                                    {QStringLiteral("retention.ms"), QStringLiteral("60000")}}));
        QCOMPARE(plan.value().diff, (QList<ConfigDiff>{{QStringLiteral("retention.ms"), QStringLiteral("3600000"),
                                                        QStringLiteral("60000")}}));
    }

    void newOverrideAndResetToDefault()
    {
        const auto plan = planConfigChange(Topic, topicConfigs(),
                                           {{QStringLiteral("max.message.bytes"), QStringLiteral("2000000")},
                                            {QStringLiteral("cleanup.policy"), std::nullopt}});
        QVERIFY2(plan.ok(), qPrintable(plan.error().message));
        QCOMPARE(plan.value().overrides, (Overrides{{QStringLiteral("retention.ms"), QStringLiteral("3600000")},
                                                    {QStringLiteral("max.message.bytes"), QStringLiteral("2000000")}}));
        const QList<ConfigDiff> diff{{QStringLiteral("max.message.bytes"), std::nullopt, QStringLiteral("2000000")},
                                     {QStringLiteral("cleanup.policy"), QStringLiteral("compact"), std::nullopt}};
        QCOMPARE(plan.value().diff, diff);
        QCOMPARE(describeDiff(diff[0]), QStringLiteral("(default) -> 2000000"));
        QCOMPARE(describeDiff(diff[1]), QStringLiteral("compact -> (default)"));
    }

    // Setting what is already set, or resetting what has no override,
    // changes nothing: an empty diff.
    void sameValueIsNoChange()
    {
        const auto plan = planConfigChange(Topic, topicConfigs(),
                                           {{QStringLiteral("cleanup.policy"), QStringLiteral("compact")},
                                            {QStringLiteral("segment.bytes"), std::nullopt}});
        QVERIFY(plan.ok());
        QVERIFY(plan.value().diff.isEmpty());
        QCOMPARE(plan.value().overrides.size(), 2);
    }

    // A sensitive override comes back without its value: sending the others
    // alone would delete it, so the change is refused, naming it and why.
    void unreadableOverrideIsRefused()
    {
        QList<ConfigEntry> broker{
            entry(QStringLiteral("log.cleaner.backoff.ms"), QStringLiteral("15001"), Source::DynamicBroker),
            entry(QStringLiteral("listener.name.x.ssl.key.password"), std::nullopt, Source::DynamicBroker, true, true),
            entry(QStringLiteral("ssl.truststore.password"), std::nullopt, Source::Default, true)};
        const auto refused = planConfigChange(Broker, broker, {{QStringLiteral("log.cleaner.backoff.ms"), QStringLiteral("1")}});
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().message,
                 QStringLiteral("Cannot change the configs of broker 2: its override of "
                                "'listener.name.x.ssl.key.password' is sensitive (the broker never sends its value), so "
                                "it cannot be read back, and librdkafka 2.0.2 can only replace all overrides at once: "
                                "applying this would delete it. Set or remove 'listener.name.x.ssl.key.password' in the "
                                "same change, or change these configs with an incremental tool (kafka-configs.sh)."));

        // Setting it again (it is an override, so read-only does not stop
        // that) or removing it in the same change is fine; its values stay
        // masked in the diff, even the one typed.
        const auto reset = planConfigChange(Broker, broker,
                                            {{QStringLiteral("listener.name.x.ssl.key.password"), QStringLiteral("new")}});
        QVERIFY2(reset.ok(), qPrintable(reset.error().message));
        QCOMPARE(reset.value().overrides,
                 (Overrides{{QStringLiteral("log.cleaner.backoff.ms"), QStringLiteral("15001")},
                            {QStringLiteral("listener.name.x.ssl.key.password"), QStringLiteral("new")}}));
        QCOMPARE(reset.value().diff.size(), 1);
        QCOMPARE(describeDiff(reset.value().diff[0]), QStringLiteral("(sensitive value) -> (sensitive value)"));
        const auto removed = planConfigChange(Broker, broker, {{QStringLiteral("listener.name.x.ssl.key.password"), std::nullopt}});
        QVERIFY(removed.ok());
        QCOMPARE(describeDiff(removed.value().diff.value(0)), QStringLiteral("(sensitive value) -> (default)"));

        // A sensitive config with no override is nothing to resend.
        broker.removeAt(1);
        QVERIFY(planConfigChange(Broker, broker, {{QStringLiteral("log.cleaner.backoff.ms"), QStringLiteral("1")}}).ok());
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("twice");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown topic config") << "retention.mss" << false
                                              << "Cannot change the configs of topic 'orders': there is no topic config "
                                                 "named 'retention.mss'.";
        QTest::newRow("read-only") << "broker.id" << false
                                   << "Cannot change the configs of topic 'orders': 'broker.id' is read-only (static "
                                      "broker config); it cannot be changed while the broker runs.";
        QTest::newRow("twice") << "retention.ms" << true
                               << "Cannot change the configs of topic 'orders': 'retention.ms' is changed twice.";
        QTest::newRow("no name") << " " << false << "Cannot change the configs of topic 'orders': a config needs a name.";
    }
    void refusals()
    {
        QFETCH(QString, name);
        QFETCH(bool, twice);
        QFETCH(QString, message);
        QList<ConfigEntry> current = topicConfigs();
        current.append(entry(QStringLiteral("broker.id"), QStringLiteral("1"), Source::StaticBroker, false, true));
        QList<ConfigChange> changes{{name, QStringLiteral("1")}};
        if (twice)
            changes.append({name, std::nullopt});
        const auto plan = planConfigChange(Topic, current, changes);
        QVERIFY(!plan.ok());
        QCOMPARE(plan.error().message, message);
    }

    // A broker takes names it does not list (listener.name.<listener>.*).
    void brokerTakesUnlistedNames()
    {
        const auto plan = planConfigChange(Broker, {}, {{QStringLiteral("listener.name.x.ssl.key.password"), QStringLiteral("p")}});
        QVERIFY(plan.ok());
        QCOMPARE(plan.value().overrides.size(), 1);
    }

    void assignments()
    {
        QCOMPARE(parseConfigAssignment(QStringLiteral("a=b=c")).value(), (std::pair{QStringLiteral("a"), QStringLiteral("b=c")}));
        QCOMPARE(parseConfigAssignment(QStringLiteral("a=")).value(), (std::pair{QStringLiteral("a"), QString()}));
        QVERIFY(!parseConfigAssignment(QStringLiteral("=b")).ok());
        QVERIFY(!parseConfigAssignment(QStringLiteral("ab")).ok());
    }

    void configLines()
    {
        const auto ok = parseConfigLines(QStringLiteral("\nretention.ms=1\r\n  \ncleanup.policy=compact\n"));
        QVERIFY(ok.ok());
        QCOMPARE(ok.value(), (Overrides{{QStringLiteral("retention.ms"), QStringLiteral("1")},
                                       {QStringLiteral("cleanup.policy"), QStringLiteral("compact")}}));
        QCOMPARE(parseConfigLines(QStringLiteral("a=1\nb")).error().message, QStringLiteral("Line 2: 'b' is not NAME=VALUE."));
    }

    void topicSpecConfigs()
    {
        TopicSpec spec{QStringLiteral("t"), 1, 1, {{QStringLiteral("retention.ms"), QStringLiteral("1")}}};
        QVERIFY(!spec.validate());
        spec.configs.append({QStringLiteral("retention.ms"), QStringLiteral("2")});
        QCOMPARE(spec.validate().message, QStringLiteral("Topic config 'retention.ms' is given twice."));
    }
};

QTEST_GUILESS_MAIN(TestConfigPlan)
#include "test_configplan.moc"
