#pragma once

#include "kafka/clustermetadata.h"
#include "kafka/topicadmin.h"

#include "clusteractiondialog.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;

// Asks what records of a topic to delete: every partition up to its end,
// or one partition before an offset. Confirmed with a tick (deleting cannot
// be undone); runs elsewhere (truncateRequested) and shows each partition's
// new first offset when truncationFinished() reports back.
class TruncateDialog : public ClusterActionDialog {
    Q_OBJECT
public:
    // `topic`'s partitions with their watermarks when known (-1 otherwise).
    TruncateDialog(const kafka::TopicInfo &topic, QWidget *parent = nullptr);

    kafka::TruncateSpec spec() const;
    QString resultText() const;
    // partition: TruncateSpec::EveryPartition or a partition id.
    void choose(int partition, qint64 beforeOffset, bool understood);
    void accept() override;
    void truncationFinished(const kafka::Result<QList<kafka::TruncatedPartition>> &result);

signals:
    void truncateRequested(const kafka::TruncateSpec &spec);

private:
    void updateControls();

    kafka::TopicInfo m_topic;
    bool m_busy = false;
    bool m_done = false;
    QComboBox *m_partition;
    QCheckBox *m_wholePartition;
    QSpinBox *m_offset;
    QCheckBox *m_understood;
    QLabel *m_result;
    QPushButton *m_truncate;
};
