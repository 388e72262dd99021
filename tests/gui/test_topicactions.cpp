// The Topic menu's dialogs in the main window: deleting a topic only once
// its name is typed, and a config edit reviewed and applied, on real Kafka;
// on the sandbox each says it cannot. Plus ConfigsModel on its own.

#include "clusternavigatormodel.h"
#include "configsdialog.h"
#include "configsmodel.h"
#include "confirmdeletedialog.h"
#include "mainwindow.h"
#include "newtopicdialog.h"
#include "replicationmodel.h"
#include "replicationview.h"
#include "topicactions.h"
#include "truncatedialog.h"
#include "addpartitionsdialog.h"

#include "kcat.h"
#include "testcluster.h"
#include "guitest.h"

#include <QAction>
#include <QMenu>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>

using namespace kafka;
using testsupport::TestCluster;

// Budgets, worst case (real Kafka): each topic made 30 s, each QTRY 15 s.
//   deleteNeedsTheTypedName: topic 30, 4 QTRYs 60: 90 s
//   configEditIsReviewedAndApplied: topic 30, 5 QTRYs 75: 105 s
//   addPartitionsAndTruncate: topic 30, kcat 60, 6 QTRYs 90: 180 s
//   brokersShowRackAndController: topic 30, 3 QTRYs 45: 75 s
//   newTopicWithConfigs: topic 30, 2 QTRYs 30: 60 s
// 510 s in all; tests/CMakeLists.txt gives it a TIMEOUT of 540 s.
class TestTopicActions : public QObject {
    Q_OBJECT

    static constexpr int Wait = 15000;

    std::unique_ptr<TestCluster> m_cluster;
    std::unique_ptr<MainWindow> m_window;
    QString m_topic;

    template <typename T>
    static T *child(QObject *parent, const char *name)
    {
        auto *object = parent->findChild<T *>(QLatin1String(name));
        if (!object)
            qFatal("no child %s", name);
        return object;
    }

    // A window connected to the cluster, with `m_topic` selected: on real
    // Kafka a topic of this test's own (with `configs`), on the sandbox the
    // window's own "demo".
    bool openWindow(const QList<std::pair<QString, QString>> &configs = {}, int partitions = 2)
    {
        auto cluster = TestCluster::start(1);
        if (!cluster.ok())
            return false;
        m_cluster = std::move(cluster).value();
        m_topic = TestCluster::real() ? TestCluster::name(QStringLiteral("gui")) : QStringLiteral("demo");
        if (TestCluster::real() && m_cluster->createTopic({m_topic, partitions, 3, configs}))
            return false;
        m_window = std::make_unique<MainWindow>();
        m_window->show();
        if (!m_window->connectTo(TestCluster::windowSpec(1)))
            return false;
        if (!QTest::qWaitFor([&] { return m_window->navigatorModel()->topicIndex(m_topic).isValid(); }, Wait))
            return false;
        m_window->selectTopic(m_topic);
        return m_window->topicActions()->deleteTopicAction()->isEnabled();
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void cleanup()
    {
        m_window.reset();
        m_cluster.reset();
    }

    // Entries, the overrides-only toggle, edits and resets, sensitive
    // values masked even when typed; under the model tester.
    void configsModel()
    {
        ConfigsModel model(ConfigResource::Kind::Broker);
        testsupport::ModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto entry = [](const char *name, std::optional<QString> value, ConfigEntry::Source source,
                              bool sensitive = false, bool readOnly = false) {
            ConfigEntry e;
            e.name = QString::fromLatin1(name);
            e.value = std::move(value);
            e.source = source;
            e.sensitive = sensitive;
            e.readOnly = readOnly;
            return e;
        };
        model.setEntries({entry("a.override", QStringLiteral("1"), ConfigEntry::Source::DynamicBroker),
                          entry("b.default", QStringLiteral("2"), ConfigEntry::Source::Default),
                          entry("c.secret", std::nullopt, ConfigEntry::Source::DynamicBroker, true, true),
                          entry("d.static", QStringLiteral("x"), ConfigEntry::Source::StaticBroker, false, true)});
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.index(2, ConfigsModel::ValueColumn).data().toString(), QStringLiteral("(sensitive, not shown)"));
        QCOMPARE(model.index(2, ConfigsModel::FlagsColumn).data().toString(), QStringLiteral("read-only, sensitive"));
        // A read-only static config cannot be edited; an override can, even
        // one Kafka calls read-only.
        QVERIFY(!(model.flags(model.index(3, ConfigsModel::ValueColumn)) & Qt::ItemIsEditable));
        QVERIFY(model.flags(model.index(2, ConfigsModel::ValueColumn)) & Qt::ItemIsEditable);
        QVERIFY(!(model.flags(model.index(0, ConfigsModel::NameColumn)) & Qt::ItemIsEditable));

        model.setOverridesOnly(true);
        QCOMPARE(model.rowCount(), 2);
        model.setOverridesOnly(false);

        QVERIFY(model.setData(model.index(1, ConfigsModel::ValueColumn), QStringLiteral("5")));
        QVERIFY(model.setData(model.index(2, ConfigsModel::ValueColumn), QStringLiteral("hunter2")));
        QVERIFY(model.canReset(0));
        QVERIFY(!model.canReset(1)); // a default: nothing to take back
        model.resetToDefault(0);
        QVERIFY(!model.canReset(0)); // reset already
        QCOMPARE(model.index(1, ConfigsModel::ValueColumn).data().toString(), QStringLiteral("5"));
        QCOMPARE(model.index(2, ConfigsModel::ValueColumn).data().toString(), QStringLiteral("••••••••"));
        QCOMPARE(model.index(2, ConfigsModel::ValueColumn).data(Qt::EditRole).toString(), QString());
        QCOMPARE(model.index(0, ConfigsModel::ValueColumn).data().toString(), QStringLiteral("(default)"));
        QVERIFY(model.index(0, ConfigsModel::NameColumn).data(ConfigsModel::ChangedRole).toBool());
        QCOMPARE(model.changes().size(), 3);
        // An override set back to its value: no change. (A default given
        // its own value is one: it becomes an override.)
        QVERIFY(model.setData(model.index(0, ConfigsModel::ValueColumn), QStringLiteral("1")));
        QVERIFY(!model.index(0, ConfigsModel::NameColumn).data(ConfigsModel::ChangedRole).toBool());
        QVERIFY(model.setData(model.index(1, ConfigsModel::ValueColumn), QStringLiteral("2")));
        QCOMPARE(model.changes().size(), 2);
        // Overrides only keeps rows with a pending edit in view.
        model.setOverridesOnly(true);
        QCOMPARE(model.rowCount(), 3);
        model.discardChanges();
        QVERIFY(model.changes().isEmpty());
    }

    // The New Topic dialog takes topic configs: on real Kafka the topic has
    // them as overrides; the sandbox refuses them in words.
    void newTopicWithConfigs()
    {
        QVERIFY(openWindow());
        m_window->showNewTopicDialog();
        QPointer<NewTopicDialog> dialog = m_window->findChild<NewTopicDialog *>();
        QVERIFY(dialog);
        const QString topic = TestCluster::real() ? TestCluster::name(QStringLiteral("configured")) : QStringLiteral("configured");
        child<QLineEdit>(dialog, "nameEdit")->setText(topic);
        auto *configs = child<QPlainTextEdit>(dialog, "configsEdit");
        configs->setPlainText(QStringLiteral("retention.ms"));
        dialog->accept();
        QCOMPARE(dialog->errorText(), QStringLiteral("Topic configs: Line 1: 'retention.ms' is not NAME=VALUE."));
        configs->setPlainText(QStringLiteral("retention.ms=7200000\nmax.message.bytes=500000\n"));
        dialog->accept();
        if (!TestCluster::real()) {
            QTRY_VERIFY_WITH_TIMEOUT(!dialog || dialog->errorText().contains(QLatin1String("cannot set topic configs")), Wait);
            QVERIFY2(dialog, "the dialog closed: the sandbox created the topic");
            QVERIFY(!m_window->navigatorModel()->topicIndex(topic).isValid());
            return;
        }
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, Wait);
        const auto described = describeConfigs(m_cluster->client(), ConfigResource::topic(topic));
        QVERIFY2(described.ok(), qPrintable(described.error().message));
        QStringList overrides;
        for (const ConfigEntry &e : described.value())
            if (e.source == ConfigEntry::Source::DynamicTopic)
                overrides.append(e.name + QLatin1Char('=') + e.value.value_or(QStringLiteral("?")));
        QCOMPARE(overrides, (QStringList{QStringLiteral("max.message.bytes=500000"), QStringLiteral("retention.ms=7200000")}));
    }

    // The navigator's broker rows show each rack and the controller once
    // they are known; a rack that cannot be read is "unknown", with why.
    void brokersShowRackAndController()
    {
        ClusterNavigatorModel model;
        testsupport::ModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        kafka::ClusterMetadata metadata;
        metadata.brokers = {{1, QStringLiteral("h"), 9092}, {2, QStringLiteral("h"), 9093}, {3, QStringLiteral("h"), 9094}};
        model.setMetadata(metadata);
        const auto row = [&](int r, int column) {
            return model.index(r, column, model.index(ClusterNavigatorModel::BrokersGroup, 0));
        };
        QCOMPARE(row(0, ClusterNavigatorModel::DetailsColumn).data().toString(), QStringLiteral("h:9092"));
        kafka::BrokerDetails one{metadata.brokers[0], QStringLiteral("eu-1a"), {}, false};
        kafka::BrokerDetails two{metadata.brokers[1], QString(), {}, true};
        kafka::BrokerDetails three{metadata.brokers[2], std::nullopt, QStringLiteral("Cannot read the configs of broker 3: x"), false};
        model.setBrokerDetails({one, two, three});
        QCOMPARE(row(0, ClusterNavigatorModel::DetailsColumn).data().toString(), QStringLiteral("h:9092 · rack eu-1a"));
        QCOMPARE(row(1, ClusterNavigatorModel::NameColumn).data().toString(), QStringLiteral("Broker 2 (controller)"));
        QCOMPARE(row(1, ClusterNavigatorModel::DetailsColumn).data().toString(), QStringLiteral("h:9093 · no rack"));
        QCOMPARE(row(2, ClusterNavigatorModel::DetailsColumn).data().toString(), QStringLiteral("h:9094 · rack unknown"));
        QCOMPARE(row(2, ClusterNavigatorModel::DetailsColumn).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("Cannot read the configs of broker 3: x"));
        QCOMPARE(row(0, ClusterNavigatorModel::NameColumn).data().toString(), QStringLiteral("Broker 1"));

        // In the window: the real cluster's brokers have no rack, one is the
        // controller; the sandbox's racks are unknown.
        QVERIFY(openWindow());
        ClusterNavigatorModel *navigator = m_window->navigatorModel();
        const QModelIndex brokers = navigator->index(ClusterNavigatorModel::BrokersGroup, 0);
        const QString expected = TestCluster::real() ? QStringLiteral(" · no rack") : QStringLiteral(" · rack unknown");
        QTRY_VERIFY_WITH_TIMEOUT(navigator->index(0, ClusterNavigatorModel::DetailsColumn, brokers).data().toString().endsWith(expected), Wait);
        // The context menus: a topic's replication grid and four actions, a
        // broker's configs, nothing on a group row; the broker's opens its
        // configs, the grid its tab.
        TopicActions *actions = m_window->topicActions();
        std::unique_ptr<QMenu> topicMenu(actions->contextMenuFor(m_topic, -1));
        QStringList texts;
        for (QAction *action : topicMenu->actions())
            if (!action->isSeparator() && action->isEnabled())
                texts.append(action->text());
        QCOMPARE(texts, (QStringList{QStringLiteral("&Replication"), QStringLiteral("Topic &Configs…"),
                                     QStringLiteral("&Add Partitions…"), QStringLiteral("&Truncate Topic…"),
                                     QStringLiteral("&Delete Topic…")}));
        topicMenu->actions().first()->trigger();
        QVERIFY(m_window->replicationView()->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(m_window->replicationView()->model()->topicName(), m_topic, Wait);
        QVERIFY(!actions->contextMenuFor(QString(), -1));
        std::unique_ptr<QMenu> brokerMenu(actions->contextMenuFor(QString(), 1));
        QCOMPARE(brokerMenu->actions().size(), 1);
        brokerMenu->actions().first()->trigger();
        QPointer<ConfigsDialog> configs = m_window->findChild<ConfigsDialog *>();
        QVERIFY(configs);
        QCOMPARE(configs->resource().describe(), QStringLiteral("broker 1"));
        QTRY_VERIFY_WITH_TIMEOUT(configs->model()->rowCount() > 0 || !configs->errorText().isEmpty(), Wait);
        QCOMPARE(configs->model()->rowOf(QStringLiteral("broker.id")) >= 0, TestCluster::real());
        delete configs;

        if (TestCluster::real()) {
            int controllers = 0;
            for (int r = 0; r < navigator->rowCount(brokers); ++r)
                controllers += navigator->index(r, 0, brokers).data().toString().endsWith(QLatin1String("(controller)")) ? 1 : 0;
            QCOMPARE(controllers, 1);
        }
    }

    // The Delete button stays disabled until the exact name is typed; then
    // the topic goes, from the cluster and from the navigator. The sandbox
    // refuses, in the dialog, and the topic stays.
    void deleteNeedsTheTypedName()
    {
        QVERIFY(openWindow());
        m_window->topicActions()->deleteTopicAction()->trigger();
        QPointer<ConfirmDeleteDialog> dialog = m_window->findChild<ConfirmDeleteDialog *>(QStringLiteral("deleteTopicDialog"));
        QVERIFY(dialog);
        QCOMPARE(dialog->nameToType(), m_topic);
        // The sandbox says so before anything is typed.
        QCOMPARE(child<QLabel>(dialog, "noteLabel")->isVisibleTo(dialog), !TestCluster::real());
        auto *confirm = child<QLineEdit>(dialog, "nameEdit");
        auto *button = child<QPushButton>(dialog, "deleteButton");
        QVERIFY(!button->isEnabled());
        for (const QString &wrong : QStringList{m_topic.left(m_topic.size() - 1), m_topic.toUpper(), m_topic + QLatin1Char(' ')}) {
            confirm->setText(wrong);
            QVERIFY(!button->isEnabled());
            button->click();
            QVERIFY(dialog->isVisible());
            QCOMPARE(dialog->statusText(), QString());
        }
        confirm->setText(m_topic);
        QVERIFY(button->isEnabled());
        button->click();
        QVERIFY(!button->isEnabled()); // busy
        if (!TestCluster::real()) {
            const QString refusal = QStringLiteral("the sandbox (librdkafka's mock cluster) does not answer DeleteTopics");
            QTRY_VERIFY2_WITH_TIMEOUT(dialog->statusText().contains(refusal), qPrintable(dialog->statusText()), Wait);
            QVERIFY(dialog->isVisible());
            QVERIFY(m_window->navigatorModel()->topicIndex(m_topic).isValid());
            return;
        }
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, Wait);
        QVERIFY(!m_cluster->client().fetchMetadata().value().topic(m_topic));
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->navigatorModel()->topicIndex(m_topic).isValid(), Wait);
    }

    // Edit one value in the table, review the before/after, apply: the
    // cluster then has it, and the other override is still there.
    void configEditIsReviewedAndApplied()
    {
        QVERIFY(openWindow({{QStringLiteral("max.message.bytes"), QStringLiteral("500000")}}));
        m_window->topicActions()->topicConfigsAction()->trigger();
        QPointer<ConfigsDialog> dialog = m_window->findChild<ConfigsDialog *>();
        QVERIFY(dialog);
        ConfigsModel *model = dialog->model();
        testsupport::ModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        if (!TestCluster::real()) {
            QTRY_VERIFY_WITH_TIMEOUT(!dialog->errorText().isEmpty(), Wait);
            QVERIFY2(dialog->errorText().contains(QLatin1String("does not answer DescribeConfigs")),
                     qPrintable(dialog->errorText()));
            QCOMPARE(model->rowCount(), 0);
            return;
        }
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 0, Wait);
        child<QCheckBox>(dialog, "overridesOnlyCheck")->setChecked(true);
        QCOMPARE(model->rowCount(), 1);
        child<QCheckBox>(dialog, "overridesOnlyCheck")->setChecked(false);
        const int row = model->rowOf(QStringLiteral("retention.ms"));
        QVERIFY(row >= 0);
        auto *review = child<QPushButton>(dialog, "reviewButton");
        QVERIFY(!review->isEnabled());
        QVERIFY(model->setData(model->index(row, ConfigsModel::ValueColumn), QStringLiteral("60000")));
        QVERIFY(review->isEnabled());
        review->click();
        QCOMPARE(dialog->diffText(),
                 QStringLiteral("retention.ms: (default) -> 60000\n\nKept as they are:\n  max.message.bytes = 500000"));
        child<QPushButton>(dialog, "applyButton")->click();
        // Applied, then shown as the cluster has it.
        QTRY_VERIFY_WITH_TIMEOUT(model->changes().isEmpty() && model->rowOf(QStringLiteral("retention.ms")) >= 0
                                     && model->index(model->rowOf(QStringLiteral("retention.ms")), ConfigsModel::ValueColumn)
                                            .data().toString() == QLatin1String("60000"),
                                 Wait);
        QVERIFY2(dialog->errorText().isEmpty(), qPrintable(dialog->errorText()));
        const auto configs = describeConfigs(m_cluster->client(), ConfigResource::topic(m_topic));
        QVERIFY(configs.ok());
        QStringList overrides;
        for (const ConfigEntry &e : configs.value())
            if (e.source == ConfigEntry::Source::DynamicTopic)
                overrides.append(e.name + QLatin1Char('=') + e.value.value_or(QStringLiteral("?")));
        QCOMPARE(overrides, (QStringList{QStringLiteral("max.message.bytes=500000"), QStringLiteral("retention.ms=60000")}));
    }

    // Add partitions (ticked first), then truncate one partition before an
    // offset; kcat reads the partition from there.
    void addPartitionsAndTruncate()
    {
        QVERIFY(openWindow());
        m_window->topicActions()->addPartitionsAction()->trigger();
        QPointer<AddPartitionsDialog> add = m_window->findChild<AddPartitionsDialog *>();
        QVERIFY(add);
        auto *addButton = child<QPushButton>(add, "addButton");
        QVERIFY(!addButton->isEnabled());
        add->setNewTotal(TestCluster::real() ? 3 : 7);
        add->accept(); // not ticked: nothing happens
        QVERIFY(add->isVisible() && add->errorText().isEmpty());
        add->confirm(true);
        QVERIFY(addButton->isEnabled());
        addButton->click();
        if (!TestCluster::real()) {
            QTRY_VERIFY_WITH_TIMEOUT(add->errorText().contains(QLatin1String("does not answer CreatePartitions")), Wait);
        } else {
            QTRY_VERIFY_WITH_TIMEOUT(!add, Wait);
            QTRY_COMPARE_WITH_TIMEOUT(m_window->navigatorModel()
                                          ->topicIndex(m_topic)
                                          .siblingAtColumn(ClusterNavigatorModel::DetailsColumn)
                                          .data()
                                          .toString(),
                                      QStringLiteral("3 partitions"), Wait);
            QVERIFY(testsupport::produceLines(m_cluster->bootstrapServers(), m_topic, 2, 5));
        }
        delete add;

        m_window->topicActions()->truncateAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->findChild<TruncateDialog *>(), Wait);
        QPointer<TruncateDialog> truncate = m_window->findChild<TruncateDialog *>();
        auto *truncateButton = child<QPushButton>(truncate, "truncateButton");
        truncate->choose(2, 3, false);
        QVERIFY(!truncateButton->isEnabled());
        truncate->choose(2, 3, true);
        QCOMPARE(truncate->spec().partition, 2);
        QCOMPARE(truncate->spec().beforeOffset, 3);
        truncateButton->click();
        if (!TestCluster::real()) {
            QTRY_VERIFY_WITH_TIMEOUT(truncate->errorText().contains(QLatin1String("does not answer DeleteRecords")), Wait);
            return;
        }
        QTRY_COMPARE_WITH_TIMEOUT(truncate->resultText(), QStringLiteral("Partition 2 now starts at offset 3."), Wait);
        QVERIFY(!truncateButton->isEnabled()); // done: only Close is left
        const auto read = testsupport::kcat({QStringLiteral("-C"), QStringLiteral("-b"), m_cluster->bootstrapServers(),
                                             QStringLiteral("-t"), m_topic, QStringLiteral("-p"), QStringLiteral("2"),
                                             QStringLiteral("-e"), QStringLiteral("-q"), QStringLiteral("-f"), QStringLiteral("%o\n")});
        QCOMPARE(read.out, QByteArray("3\n4\n"));
    }
};

KAFKADESK_GUITEST_MAIN(TestTopicActions)
#include "test_topicactions.moc"
