#pragma once

#include "chartpanel.h"
#include "partitionlines.h"
#include "serieshistory.h"

#include "kafka/error.h"
#include "kafka/groupinfo.h"

#include <QHash>

class LiveChart;

// A consumer group's lag (high watermark − committed offset), in total and
// per partition, over time: a point each time the Groups tab's refresh
// brings the groups (the Admin API on a real cluster, on the network pool;
// on the sandbox, the offsets of this app's groups). Every group listed
// gets its history from the first refresh that lists it, so selecting one
// shows what happened before; the selected group is drawn. A partition's
// lag not known (nothing committed, no high watermark, the refresh failed)
// is a gap, never 0; so is a stretch without refreshes (the broker did not
// answer, the refresh paused).
class GroupLagChart : public ChartPanel {
    Q_OBJECT
public:
    static constexpr int MaxPartitionLines = 8;
    // Bounds: the groups with a history (a new one takes the place of one
    // not listed at this refresh, or of none: those kept stay whole; the
    // selected group always has one) and the partitions kept per point
    // (more count in the total only).
    static constexpr int MaxGroups = 20;
    static constexpr int MaxPartitionsKept = 64;

    explicit GroupLagChart(QWidget *parent = nullptr);

    // The group drawn (none: "").
    void setGroup(const QString &group);
    QString group() const { return m_group; }
    // Forgets every group's history (another connection).
    void clear();
    // A refresh's answer at `timeMs` (ms since the epoch). A failed one, or
    // a group missing from it, is a gap in that group's history.
    void addGroups(const kafka::Result<QList<kafka::GroupInfo>> &groups, qint64 timeMs);

    // The selected group's.
    const SeriesHistory &lags() const;
    const QList<kafka::TopicPartition> &partitions() const;
    int groupCount() const { return int(m_series.size()); }
    LiveChart *lagChart() const { return m_chart; }

protected:
    void redraw() override;

private:
    struct Series {
        SeriesHistory lags{SeriesHistory::DefaultCapacity, MaxPartitionsKept};
        PartitionLines partitions{MaxPartitionsKept};
        QString why; // why the last point is a gap, if it is
        qint64 listedMs = 0;
    };
    // The group's history, made if there is room; null if there is none
    // (every history was listed at timeMs, and this is not the selected group).
    Series *seriesOf(const QString &group, qint64 timeMs);
    void addPoint(Series &series, const kafka::GroupInfo *group, const QString &why, qint64 timeMs);
    void rebuildLines();

    QString m_group;
    QHash<QString, Series> m_series;
    int m_linesFor = 0; // partitions of the selected group that have lines
    LiveChart *m_chart;
};
