#pragma once

#include "recordsnapshot.h"

#include "kafka/clientconfig.h"

#include <QDialog>
#include <QFuture>
#include <QStringList>

class QCheckBox;
class QComboBox;
class QLabel;

// Consumed messages produced again to a topic, byte for byte: key (or
// none), value (or a tombstone), headers in order; with their partitions
// and timestamps when asked. What Export... then a replay of the file does,
// without the file.
struct CopyToTopicSpec {
    QString topic;
    bool keepPartitions = false;
    bool keepTimestamps = false;
};

// How a copy ended: every message counted delivered or failed, with each
// distinct reason's count.
struct CopyToTopicResult {
    qint64 delivered = 0;
    qint64 failed = 0;
    QStringList reasons; // "3 × Broker: Unknown topic or partition"
    QString summary() const;
};

// Runs on the network pool (a producer of its own, flushed before it ends);
// the snapshot shares the consumed batches, so taking it copies no message.
QFuture<CopyToTopicResult> copyToTopic(const kafka::ClientConfig &config, RecordSnapshot messages,
                                       const CopyToTopicSpec &spec);

// Asks for the topic and whether partitions and timestamps are kept.
class CopyToTopicDialog : public QDialog {
    Q_OBJECT
public:
    CopyToTopicDialog(qint64 messages, const QStringList &topics, QWidget *parent = nullptr);
    CopyToTopicSpec spec() const;
    void accept() override;

private:
    QComboBox *m_topic;
    QCheckBox *m_keepPartitions;
    QCheckBox *m_keepTimestamps;
    QLabel *m_error;
};
