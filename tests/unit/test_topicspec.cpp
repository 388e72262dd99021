#include "kafka/topicspec.h"

#include <QTest>

using namespace kafka;

class TestTopicSpec : public QObject {
    Q_OBJECT
private slots:
    void names_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << "orders" << true;
        QTest::newRow("all legal characters") << "A-z_0.9" << true;
        QTest::newRow("249 characters") << QString(249, QLatin1Char('a')) << true;
        QTest::newRow("250 characters") << QString(250, QLatin1Char('a')) << false;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("dot") << "." << false;
        QTest::newRow("dot dot") << ".." << false;
        QTest::newRow("space") << "my topic" << false;
        QTest::newRow("slash") << "a/b" << false;
        QTest::newRow("non-ascii") << QStringLiteral("café") << false;
        // Found by tests/fuzz/fuzz_topicspec: '$' also matches before a final newline.
        QTest::newRow("trailing newline") << "t\n" << false;
    }
    void names()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        QCOMPARE(!(TopicSpec{name, 1, 1}.validate()), valid);
    }

    void countsMustBePositive()
    {
        QVERIFY((TopicSpec{QStringLiteral("t"), 0, 1}.validate()));
        QVERIFY((TopicSpec{QStringLiteral("t"), 1, 0}.validate()));
    }

    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("partitions");
        QTest::addColumn<int>("rf");
        QTest::newRow("with rf") << "orders:6:3" << true << "orders" << 6 << 3;
        QTest::newRow("rf defaults to 1") << "logs:2" << true << "logs" << 2 << 1;
        QTest::newRow("name only") << "logs" << false << "" << 0 << 0;
        QTest::newRow("partitions not a number") << "logs:x" << false << "" << 0 << 0;
        QTest::newRow("zero partitions") << "logs:0" << false << "" << 0 << 0;
        QTest::newRow("too many parts") << "a:1:1:1" << false << "" << 0 << 0;
        QTest::newRow("bad name") << "a b:1" << false << "" << 0 << 0;
        QTest::newRow("newline in name") << "t\n:1" << false << "" << 0 << 0; // tests/fuzz/corpus/topicspec/newline
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        const auto spec = parseTopicSpec(text);
        QCOMPARE(spec.ok(), valid);
        if (!valid) {
            QVERIFY(!spec.error().message.isEmpty());
            return;
        }
        QFETCH(QString, name);
        QFETCH(int, partitions);
        QFETCH(int, rf);
        QCOMPARE(spec.value().name, name);
        QCOMPARE(spec.value().partitions, partitions);
        QCOMPARE(spec.value().replicationFactor, rf);
    }
};

QTEST_GUILESS_MAIN(TestTopicSpec)
#include "test_topicspec.moc"
