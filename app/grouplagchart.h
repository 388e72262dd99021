#pragma once

#include "chartpanel.h"
#include "serieshistory.h"

#include "kafka/error.h"
#include "kafka/groupinfo.h"

#include <QHash>

class LiveChart;

// The selected consumer group's lag (high watermark − committed offset),
// in total and per partition, over time: a point each time the Groups tab's
// refresh brings the groups (the Admin API on a real cluster, on the
// network pool; on the sandbox, the offsets of this app's groups). A
// partition's lag not known (nothing committed, no high watermark, the
// refresh failed) is a gap, never 0.
class GroupLagChart : public ChartPanel {
    Q_OBJECT
public:
    static constexpr int MaxPartitionLines = 8;

    explicit GroupLagChart(QWidget *parent = nullptr);

    // Another group (or none) starts a new history.
    void setGroup(const QString &group);
    QString group() const { return m_group; }
    // A refresh's answer at `timeMs` (ms since the epoch); nothing happens
    // without a group. The group missing from an answer is a gap.
    void addGroups(const kafka::Result<QList<kafka::GroupInfo>> &groups, qint64 timeMs);

    const SeriesHistory &lags() const { return m_lags; }
    const QList<kafka::TopicPartition> &partitions() const { return m_partitions; }
    LiveChart *lagChart() const { return m_chart; }

protected:
    void redraw() override;

private:
    int indexOf(const kafka::TopicPartition &tp);
    void rebuildLines();

    QString m_group;
    QString m_why; // why the last point is a gap, if it is
    SeriesHistory m_lags;
    QList<kafka::TopicPartition> m_partitions;
    QHash<kafka::TopicPartition, int> m_index;
    LiveChart *m_chart;
};
