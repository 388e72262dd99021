#pragma once

#include "ratehistory.h"

#include "kafka/clustermetadata.h"

#include <QWidget>

class QChart;
class QChartView;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QPushButton;
class QValueAxis;

// The selected topic's message rate, in total and per partition, as a live
// Qt Charts line chart fed by the window's refresh (RateHistory). Pausing
// freezes the chart; the history goes on filling, and resuming shows it.
class TopicRateChart : public QWidget {
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

    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    const RateHistory &history() const { return m_history; }
    QLineSeries *totalSeries() const { return m_total; }
    QList<QLineSeries *> partitionSeries() const { return m_partitions; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuildPartitionSeries();
    void updateSeries();
    void applyTheme();

    RateHistory m_history;
    QString m_topic;
    bool m_paused = false;
    QChart *m_chart;
    QChartView *m_view;
    QDateTimeAxis *m_timeAxis;
    QValueAxis *m_rateAxis;
    QLineSeries *m_total;
    QList<QLineSeries *> m_partitions;
    QLabel *m_note;
    QPushButton *m_pause;
};
