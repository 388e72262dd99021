// The topic view's line of the groups that consume a topic, and their lag.

#include "topicconsumers.h"

#include <QTest>

using namespace kafka;

class TestTopicConsumers : public QObject {
    Q_OBJECT
private slots:
    void groupsOfTheTopicWithTheirLag()
    {
        GroupInfo committed{QStringLiteral("billing"), QStringLiteral("Empty"), {}, {}, {}, {}, {}, {}};
        committed.offsets = {{{QStringLiteral("orders"), 0}, -1, 5, 10},
                             {{QStringLiteral("orders"), 1}, -1, 7, 7},
                             {{QStringLiteral("other"), 0}, -1, 0, 100}};
        GroupInfo unknownEnd = committed;
        unknownEnd.id = QStringLiteral("audit");
        unknownEnd.offsets[1].highWatermark = -1;
        GroupInfo memberOnly{QStringLiteral("fresh"), QStringLiteral("Stable"), {}, {}, {}, {}, {}, {}};
        memberOnly.members = {{QStringLiteral("m"), QStringLiteral("c"), QStringLiteral("/h"), {{QStringLiteral("orders"), 2}}}};
        GroupInfo elsewhere{QStringLiteral("elsewhere"), QStringLiteral("Empty"), {}, {}, {}, {}, {}, {}};
        elsewhere.offsets = {{{QStringLiteral("other"), 0}, -1, 0, 100}};

        QCOMPARE(topicConsumersText({committed, unknownEnd, memberOnly, elsewhere}, QStringLiteral("orders")),
                 QStringLiteral("Consumed by: billing (lag 5) · audit (lag ≥ 5 (1 of 2 partitions unknown)) · "
                                "fresh (lag unknown: nothing committed)"));
        QCOMPARE(topicConsumersText({elsewhere}, QStringLiteral("orders")),
                 QStringLiteral("No consumer group consumes it (none has members on it or offsets in it)."));
    }
};

QTEST_GUILESS_MAIN(TestTopicConsumers)
#include "test_topicconsumers.moc"
