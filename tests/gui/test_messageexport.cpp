#include "consumerpanel.h"
#include "messagesmodel.h"

#include "kafka/recordformat.h"
#include "kafka/threadreaper.h"
#include "guitest.h"

#include <QDir>
#include <QFile>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>

using kafka::Record;
using kafka::RecordBatch;

namespace {

constexpr int Records = 500'000;
constexpr int PerBatch = 1000;

// Records with bytes that JSON and CSV must carry exactly: a null key now
// and then, a value that is not UTF-8, commas and quotes, and headers.
Record record(int i)
{
    static const QString topic = QStringLiteral("orders");
    Record r;
    r.topic = topic;
    r.partition = i % 6;
    r.offset = i / 6;
    r.timestampMs = 1'700'000'000'000 + i;
    r.hasKey = i % 13 != 0;
    if (r.hasKey)
        r.key = "customer-" + QByteArray::number(i % 977);
    r.hasValue = true;
    r.value = i % 17 == 0 ? QByteArray("\xff\x00\xfe raw", 7)
                          : "{\"n\": " + QByteArray::number(i) + ", \"note\": \"a, \\\"quoted\\\" word\"}";
    if (i % 5 == 0)
        r.headers.append({"trace", "t-" + QByteArray::number(i)});
    return r;
}

QList<RecordBatch> batches(int first, int count)
{
    QList<RecordBatch> out;
    for (int b = first; b < first + count; b += PerBatch) {
        RecordBatch batch;
        for (int i = b; i < std::min(first + count, b + PerBatch); ++i)
            batch.append(record(i));
        out.append(batch);
    }
    return out;
}

QByteArray jsonLines(int first, int count)
{
    QByteArray out;
    for (int i = first; i < first + count; ++i)
        out += kafka::toJsonLine(record(i));
    return out;
}

QByteArray readAll(const QString &path)
{
    const testsupport::TestSideBlocking allow("the test reads an exported file");
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

// Exporting the consumed messages: written on a thread of its own, byte for
// byte, from a snapshot that later arrivals do not change, with progress and
// a cancel; the window's event loop never waits for it, and a cancelled,
// failed or abandoned export leaves no file.
class TestMessageExport : public QObject {
    Q_OBJECT

    std::unique_ptr<kafka::ThreadReaper> m_reaper;
    std::unique_ptr<ConsumerPanel> m_panel;
    std::unique_ptr<QTemporaryDir> m_dir;

    static testsupport::StallWatchdog *watchdog() { return testsupport::StallWatchdog::instance(); }

    QStringList leftovers() const { return QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden); }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_reaper = std::make_unique<kafka::ThreadReaper>();
        m_panel = std::make_unique<ConsumerPanel>(QStringLiteral("export"));
        m_panel->setThreadReaper(m_reaper.get());
        QList<RecordBatch> stored;
        {
            const testsupport::TestSideBlocking allow("the test builds 500,000 records");
            stored = batches(0, Records);
        }
        m_panel->messagesModel()->append(stored);
        QCOMPARE(m_panel->messagesModel()->rowCount(), Records);
    }

    void cleanup()
    {
        m_panel.reset();
        // The export thread ends on its own (no join): wait for it on the event loop.
        QTRY_COMPARE_WITH_TIMEOUT(m_reaper->liveCount(), 0, 10000);
        m_reaper.reset();
        const testsupport::TestSideBlocking allow("the test removes its exported files");
        m_dir.reset();
    }

    // 500,000 messages: the event loop keeps running while they are
    // written, the file holds exactly the rows shown when the export began
    // (messages arriving and the oldest leaving meanwhile change nothing),
    // and progress is reported on the way.
    void exportRunsOffTheGuiThreadAndIsByteExact()
    {
        QByteArray expected;
        QList<RecordBatch> arriving;
        {
            const testsupport::TestSideBlocking allow("the test builds what it expects and what arrives");
            expected = jsonLines(0, Records);
            arriving = batches(Records, 20'000);
        }
        const QString path = m_dir->filePath(QStringLiteral("all.jsonl"));
        QSignalSpy exported(m_panel.get(), &ConsumerPanel::exported);
        QSignalSpy progressed(m_panel.get(), &ConsumerPanel::exportProgressed);
        watchdog()->startMeasuring();
        m_panel->exportMessages(path, false);
        QVERIFY(m_panel->isExporting());
        // The store changes under the export: new messages, the oldest gone.
        m_panel->messagesModel()->append(arriving);
        m_panel->messagesModel()->setCapacity(100'000);
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 60000);
        testsupport::reportLongestGap("exporting 500,000 messages");
        QVERIFY2(exported.first().at(0).toBool(), qPrintable(exported.first().at(1).toString()));
        QCOMPARE(exported.first().at(1).toString(), QStringLiteral("Exported 500,000 messages to %1").arg(path));
        QVERIFY(!m_panel->isExporting());
        QVERIFY(progressed.count() > 1);
        QCOMPARE(progressed.last().at(0).toLongLong(), qint64(Records));
        QCOMPARE(progressed.last().at(1).toLongLong(), qint64(Records));
        const QByteArray written = readAll(path);
        QCOMPARE(written.size(), expected.size());
        QVERIFY(written == expected);
        QCOMPARE(leftovers(), QStringList{QStringLiteral("all.jsonl")});
    }

    // The selected rows, as CSV: two ranges of rows, in row order.
    void selectedRowsExportAsCsv()
    {
        auto *view = m_panel->findChild<QTableView *>(QStringLiteral("messagesView"));
        QVERIFY(view);
        const auto select = [view](int first, int last) {
            view->selectionModel()->select(QItemSelection(view->model()->index(first, 0), view->model()->index(last, 0)),
                                           QItemSelectionModel::Select | QItemSelectionModel::Rows);
        };
        select(150'000, 150'009);
        select(10, 19);
        select(15, 24); // overlaps: each row once
        QByteArray expected = kafka::csvHeaderLine();
        for (int i = 10; i < 25; ++i)
            expected += kafka::toCsvLine(record(i));
        for (int i = 150'000; i < 150'010; ++i)
            expected += kafka::toCsvLine(record(i));
        const QString path = m_dir->filePath(QStringLiteral("some.csv"));
        QSignalSpy exported(m_panel.get(), &ConsumerPanel::exported);
        m_panel->exportMessages(path, true);
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 30000);
        QVERIFY2(exported.first().at(0).toBool(), qPrintable(exported.first().at(1).toString()));
        QCOMPARE(readAll(path), expected);
    }

    // Cancelled: no file, not even its temporary, and an older file of the
    // same name stays as it was.
    void cancelLeavesNoFile()
    {
        const QString path = m_dir->filePath(QStringLiteral("cancelled.jsonl"));
        const QString older = m_dir->filePath(QStringLiteral("older.jsonl"));
        QFile existing(older);
        QVERIFY(existing.open(QIODevice::WriteOnly));
        existing.write("kept\n");
        existing.close();
        QSignalSpy exported(m_panel.get(), &ConsumerPanel::exported);
        watchdog()->startMeasuring();
        m_panel->exportMessages(path, false);
        m_panel->cancelExport();
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 30000);
        QVERIFY(!exported.first().at(0).toBool());
        QCOMPARE(exported.first().at(1).toString(),
                 QStringLiteral("Export to %1 cancelled: no file was written.").arg(path));
        QTRY_COMPARE(leftovers(), QStringList{QStringLiteral("older.jsonl")});

        m_panel->exportMessages(older, false);
        m_panel->cancelExport();
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 2, 30000);
        QCOMPARE(readAll(older), QByteArray("kept\n"));
        testsupport::reportLongestGap("cancelling an export");
    }

    // A write that fails (here the file size limit, as a full disk would)
    // is said in words, and leaves no file.
    void writeErrorIsSaidInWordsAndLeavesNoFile()
    {
        rlimit before{};
        QCOMPARE(getrlimit(RLIMIT_FSIZE, &before), 0);
        rlimit small = before;
        small.rlim_cur = 1024 * 1024;
        const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN); // else the process dies: EFBIG is wanted
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
        const auto restore = qScopeGuard([&] {
            setrlimit(RLIMIT_FSIZE, &before);
            std::signal(SIGXFSZ, oldHandler);
        });
        const QString path = m_dir->filePath(QStringLiteral("big.jsonl"));
        QSignalSpy exported(m_panel.get(), &ConsumerPanel::exported);
        m_panel->exportMessages(path, false);
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 30000);
        QVERIFY(!exported.first().at(0).toBool());
        const QString message = exported.first().at(1).toString();
        QVERIFY2(message.startsWith(QStringLiteral("Export to %1 failed: ").arg(path)), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("File too large")), qPrintable(message));
        QTRY_VERIFY(leftovers().isEmpty());

        m_panel->exportMessages(QStringLiteral("/nonexistent/dir/x.jsonl"), false);
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 2, 30000);
        QVERIFY(!exported.last().at(0).toBool());
        QVERIFY2(exported.last().at(1).toString().contains(QLatin1String("No such file or directory")),
                 qPrintable(exported.last().at(1).toString()));
    }

    // Closing the panel while it exports: nothing waits, the unfinished
    // file goes, and the export's thread ends.
    void closingThePanelDuringAnExport()
    {
        const QString path = m_dir->filePath(QStringLiteral("closed.jsonl"));
        m_panel->exportMessages(path, false);
        QSignalSpy progressed(m_panel.get(), &ConsumerPanel::exportProgressed);
        QVERIFY(progressed.wait(10000)); // writing has begun
        QCOMPARE(m_reaper->liveCount(), 1);
        watchdog()->startMeasuring();
        m_panel.reset();
        QTRY_COMPARE_WITH_TIMEOUT(m_reaper->liveCount(), 0, 10000);
        testsupport::reportLongestGap("closing a panel during its export");
        QTRY_VERIFY(leftovers().isEmpty());
    }
};

KAFKADESK_GUITEST_MAIN(TestMessageExport)
#include "test_messageexport.moc"
