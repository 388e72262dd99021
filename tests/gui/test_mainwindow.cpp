#include "clusternavigatormodel.h"
#include "mainwindow.h"
#include "newtopicdialog.h"
#include "partitionsmodel.h"

#include "kcat.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void showsSandboxBrokersTopicsAndWatermarks()
    {
        MainWindow window;
        QAbstractItemModelTester navigatorTester(window.navigatorModel(),
                                                 QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester partitionsTester(window.partitionsModel(),
                                                  QAbstractItemModelTester::FailureReportingMode::QtTest);
        window.show();
        QVERIFY(window.windowTitle().contains(QLatin1String("Kafka Desk")));
        QVERIFY(window.connectTo(kafka::ConnectionSpec::sandbox(3)));
        QVERIFY(window.windowTitle().contains(QLatin1String("Kafka Desk")));

        // Known counts from the independent client, before the window looks.
        const QString bootstrap = window.connection()->bootstrapServers();
        const QList<int> counts{3, 0, 7, 1, 0, 12};
        for (int p = 0; p < counts.size(); ++p) {
            if (counts[p] > 0)
                QVERIFY(testsupport::produceLines(bootstrap, QStringLiteral("demo"), p, counts[p]));
        }

        ClusterNavigatorModel *navigator = window.navigatorModel();
        const QModelIndex brokers = navigator->index(ClusterNavigatorModel::BrokersGroup, 0);
        QTRY_COMPARE_WITH_TIMEOUT(navigator->rowCount(brokers), 3, 10000);
        QVERIFY(window.connectionStateText().contains(QLatin1String("brokers: 3")));
        QVERIFY(navigator->topicIndex(QStringLiteral("demo")).isValid());

        window.selectTopic(QStringLiteral("demo"));
        PartitionsModel *partitions = window.partitionsModel();
        QTRY_COMPARE_WITH_TIMEOUT(partitions->rowCount(), 6, 10000);
        QCOMPARE(partitions->topicName(), QStringLiteral("demo"));
        // The rows may first show unknown watermarks; wait for the fetched ones.
        for (int p = 0; p < counts.size(); ++p) {
            QTRY_COMPARE_WITH_TIMEOUT(
                partitions->index(p, PartitionsModel::HighWatermarkColumn).data(PartitionsModel::ValueRole).toLongLong(),
                qint64(counts[p]), 10000);
            QCOMPARE(partitions->index(p, PartitionsModel::LowWatermarkColumn).data(PartitionsModel::ValueRole).toLongLong(),
                     0);
            QCOMPARE(partitions->index(p, PartitionsModel::MessagesColumn).data().toString(),
                     QString::number(counts[p]));
            QCOMPARE(partitions->index(p, PartitionsModel::ReplicasColumn).data().toString(), QStringLiteral("1, 2, 3"));
        }

        // On demand: more messages, then Refresh shows them.
        QVERIFY(testsupport::produceLines(bootstrap, QStringLiteral("demo"), 1, 4));
        window.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(
            partitions->index(1, PartitionsModel::HighWatermarkColumn).data(PartitionsModel::ValueRole).toLongLong(),
            qint64(4), 10000);
    }

    void newTopicAppearsAndDuplicatesAreRefused()
    {
        MainWindow window;
        window.show();
        QVERIFY(window.connectTo(kafka::ConnectionSpec::sandbox(2)));
        QTRY_VERIFY_WITH_TIMEOUT(window.navigatorModel()->topicIndex(QStringLiteral("demo")).isValid(), 10000);

        window.showNewTopicDialog();
        auto *dialog = window.findChild<NewTopicDialog *>();
        QVERIFY(dialog);
        auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
        auto *partitionsSpin = dialog->findChild<QSpinBox *>(QStringLiteral("partitionsSpin"));
        auto *replication = dialog->findChild<QSpinBox *>(QStringLiteral("replicationSpin"));
        QCOMPARE(replication->maximum(), 2); // no more replicas than brokers
        auto *note = dialog->findChild<QLabel *>(QStringLiteral("noteLabel"));
        QVERIFY(note && !note->isHidden());
        QVERIFY(note->text().contains(QLatin1String("each of its 2 brokers")));

        name->setText(QStringLiteral("demo"));
        dialog->accept();
        QVERIFY(dialog->errorText().contains(QLatin1String("already exists")));
        QVERIFY(dialog->isVisible());

        name->setText(QStringLiteral("bad name!"));
        dialog->accept();
        QVERIFY(dialog->errorText().contains(QLatin1String("may only contain")));

        name->setText(QStringLiteral("orders"));
        partitionsSpin->setValue(4);
        QSignalSpy finished(dialog, &QDialog::finished);
        dialog->accept();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().first().toInt(), int(QDialog::Accepted));

        QTRY_VERIFY_WITH_TIMEOUT(window.navigatorModel()->topicIndex(QStringLiteral("orders")).isValid(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(window.partitionsModel()->topicName(), QStringLiteral("orders"), 10000);
        QCOMPARE(window.partitionsModel()->rowCount(), 4);
    }

    void unreachableClusterIsReportedWithoutBlocking()
    {
        MainWindow window;
        window.show();
        QSignalSpy applied(&window, &MainWindow::metadataApplied);
        QVERIFY(window.connectTo(kafka::ConnectionSpec::bootstrap(QStringLiteral("127.0.0.1:1"))));
        // connectTo returned before any answer: the GUI thread did not wait.
        QCOMPARE(applied.count(), 0);
        QVERIFY(window.connectionStateText().contains(QLatin1String("Connecting")));

        QVERIFY(applied.wait(10000));
        QVERIFY2(window.errorText().contains(QLatin1String("Cannot reach 127.0.0.1:1")), qPrintable(window.errorText()));
        QVERIFY(window.connectionStateText().contains(QLatin1String("Cannot reach")));
        auto *retry = window.findChild<QPushButton *>(QStringLiteral("retryButton"));
        QVERIFY(retry && retry->isVisible());

        // The user retries; it fails the same way, again within 10 s.
        QTest::mouseClick(retry, Qt::LeftButton);
        QVERIFY(applied.wait(10000));
        QVERIFY(window.errorText().contains(QLatin1String("Cannot reach")));

        // And can connect elsewhere: the error goes away.
        QVERIFY(window.connectTo(kafka::ConnectionSpec::sandbox(1)));
        QVERIFY(window.errorText().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(window.connectionStateText().contains(QLatin1String("Connected")), 10000);
    }

    void badSpecIsShownNotConnected()
    {
        MainWindow window;
        window.show();
        QVERIFY(!window.connectTo(kafka::ConnectionSpec::bootstrap(QStringLiteral("localhost"))));
        QVERIFY(window.errorText().contains(QLatin1String("host:port")));
        QVERIFY(!window.connection());
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_mainwindow.moc"
