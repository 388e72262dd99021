#pragma once

#include "kafka/schemaregistry.h"
#include "kafka/clientconfig.h"
#include "kafka/consumerworker.h"
#include "kafka/workerthread.h"

#include "exportworker.h"

#include <QWidget>

#include <memory>

namespace Ui {
class ConsumerPanel;
}
class ConsumerPartitionsModel;
class JsonHighlighter;
class QAction;
class MessagesModel;
class QStringListModel;
class SchemaDecoding;

// One consumer: its settings, the live messages table (with filter and
// detail view), its partitions with position, committed offset and lag, and
// an events log of rebalances. The consumer runs in a ConsumerWorker on its
// own thread; this panel only sends it requests and shows what comes back.
// Several panels may join the same group.
class ConsumerPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int EventsKept = 1000;
    // Shown in the detail view; a larger value is cut, with a note.
    static constexpr qsizetype DetailBytes = 256 * 1024;

    explicit ConsumerPanel(const QString &title, QWidget *parent = nullptr);
    ~ConsumerPanel() override;

    QString title() const { return m_title; }
    // The cluster to consume from; `sandbox` adapts the group settings to
    // the mock cluster (see consumerConfig()).
    void setConnection(const kafka::ClientConfig &config, bool sandbox);
    void setKnownTopics(const QStringList &topics);
    void setTopics(const QString &topics);
    void setGroup(const QString &groupId);
    // Counts this panel's consumer threads (the window's); else the process-wide one.
    void setThreadReaper(kafka::ThreadReaper *reaper) { m_reaper = reaper; }
    // The detail view's schema source: a registry URL (the connection
    // profile's) or a local .avsc / .proto file; "" for none.
    void setSchemaSource(const QString &source);
    // The profile's registry: its URL as the source, and its login for it.
    void setSchemaRegistry(const kafka::SchemaRegistrySettings &registry);
    // A read-only profile: copying messages to a topic is disabled, with `reason` (empty: allowed).
    void setReadOnly(const QString &reason);

    // The settings in the form, as the worker gets them.
    kafka::ConsumerSpec spec(QString *error) const;
    bool isRunning() const { return m_consumer != nullptr; }
    bool isGroupMember() const;
    QString groupId() const;
    QString memberId() const { return m_memberId; }
    QList<kafka::TopicPartition> assignment() const;
    qint64 receivedCount() const { return m_received; }

    MessagesModel *messagesModel() const { return m_messages; }
    ConsumerPartitionsModel *partitionsModel() const { return m_partitions; }
    QStringListModel *eventsModel() const { return m_events; }
    QString statusText() const;
    QString detailText() const;
    bool isExporting() const { return m_export != nullptr; }

public slots:
    void start();
    void stop();
    void setPaused(bool paused);
    void commit();
    void clear();
    void applyFilter();
    // Writes all (or the selected) messages shown as JSON lines, or CSV
    // when the path ends in .csv, on a thread of its own (ExportWorker) with
    // progress shown; exported() tells the outcome. One export at a time.
    // `decodedValues`: with what the schema source decodes (ExportWorker::setDecodedValues).
    void exportMessages(const QString &path, bool selectedOnly, bool decodedValues = false);
    // Stops the export: no file is written (exported() says so). Closing
    // the panel or quitting the window cancels it too.
    void cancelExport();

signals:
    void started();
    void stopped();
    // Group, member id or assignment changed (for the groups view).
    void groupStateChanged();
    void exported(bool ok, const QString &message);
    // A copy of selected messages to a topic ended (CopyToTopicResult::summary).
    void copiedToTopic(bool ok, const QString &summary);
    void exportProgressed(qint64 written, qint64 total);
    // What the worker reported, once the panel has taken it (the Chart tab).
    void recordsReceived(const QList<kafka::RecordBatch> &batches);
    void progressReceived(const QList<kafka::PartitionProgress> &progress);

private:
    using ConsumerThread = kafka::WorkerThread<kafka::ConsumerWorker>;
    using ExportThread = kafka::WorkerThread<ExportWorker>;

    void onRecords(const QList<kafka::RecordBatch> &batches);
    void onEvents(const QList<kafka::ConsumerEvent> &events);
    void onProgress(const QList<kafka::PartitionProgress> &progress, const QString &memberId);
    void onStopped();
    void addEvent(const QString &text);
    void showRecord();
    void decodeRecord(const kafka::Record &record, const QString &header);
    void chooseSchemaSource();
    void passDecoderToConsumer();
    void copyToClipboard(QByteArray kafka::Record::*field) const;
    void updateControls();
    void updateStatus();
    void chooseExport(bool selectedOnly);
    void chooseCopyToTopic();
    QList<RecordSnapshot::RowRange> selectedRows() const;
    void finishExport(bool ok, const QString &message);

    std::unique_ptr<Ui::ConsumerPanel> m_ui;
    QString m_title;
    MessagesModel *m_messages;
    JsonHighlighter *m_jsonHighlighter;
    QAction *m_copyToTopic = nullptr;
    QAction *m_exportDecoded = nullptr; // Export… writes decoded values
    ConsumerPartitionsModel *m_partitions;
    QStringListModel *m_events;
    kafka::ClientConfig m_connection;
    bool m_sandbox = false;
    kafka::ThreadReaper *m_reaper = nullptr;
    std::unique_ptr<ConsumerThread> m_consumer;
    bool m_stopRequested = false; // stop() queued to m_consumer's worker once only
    kafka::ConsumerSpec m_running; // the spec of the running consumer
    QString m_memberId;
    QString m_error;
    QString m_warning; // trouble the running consumer may come out of (ConsumerEvent::Kind::Warning)
    qint64 m_received = 0;
    SchemaDecoding *m_schemaDecoding; // the source in registryEdit, and its decoder
    bool m_followTail = true;
    std::unique_ptr<ExportThread> m_export; // the export running, if any
};
