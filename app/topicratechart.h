#pragma once

#include "chartpanel.h"
#include "ratehistory.h"

#include "kafka/clustermetadata.h"

class LiveChart;

// The selected topic's message rate, in total and per partition, as a live
// chart fed by the window's refresh (RateHistory); an unknown rate is a gap.
// Pausing freezes the chart; the history goes on filling, and resuming
// shows it (ChartPanel).
class TopicRateChart : public ChartPanel {
    Q_OBJECT
public:
    // Per-partition lines beyond this many would be unreadable: those
    // partitions count in the total only (the chart says so).
    static constexpr int MaxPartitionSeries = 12;

    explicit TopicRateChart(QWidget *parent = nullptr);

    // Another topic (or none) starts a new history.
    void setTopic(const QString &topic);
    QString topic() const { return m_topic; }
    // A refresh's view of the topic at `timeMs` (ms since the epoch);
    // ignored if it is another topic than setTopic()'s.
    void addSample(const kafka::TopicInfo &topic, qint64 timeMs);

    const RateHistory &history() const { return m_history; }
    // Line 0 is the total, then one per partition.
    LiveChart *rateChart() const { return m_chart; }

protected:
    void redraw() override;

private:
    void rebuildPartitionSeries();

    RateHistory m_history;
    QString m_topic;
    LiveChart *m_chart;
};
