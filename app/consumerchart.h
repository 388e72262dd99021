#pragma once

#include "chartpanel.h"
#include "partitionlines.h"
#include "serieshistory.h"

#include "kafka/record.h"
#include "kafka/recordbatch.h"

class LiveChart;

// One consumer's receive rate (messages/s) and lag (high watermark −
// position), in total and per partition, over the last 10 minutes. Fed by
// what the consumer's worker hands the panel: the records it received, and
// its progress report (once a second), which closes each point. A lag not
// known (no high watermark or position yet, or the partition not assigned)
// is a gap, never 0.
class ConsumerChart : public ChartPanel {
    Q_OBJECT
public:
    // Lines beyond this many partitions would be unreadable: those count in
    // the totals only (the note says so).
    static constexpr int MaxPartitionLines = 8;

    explicit ConsumerChart(QWidget *parent = nullptr);

    // Counts them for the point in progress.
    void addRecords(const QList<kafka::RecordBatch> &batches);
    // Closes the point in progress at the time it comes (now).
    bool addProgress(const QList<kafka::PartitionProgress> &progress);
    // The same at `timeMs` (ms since the epoch). Returns whether it added a
    // point: the first report of a run only starts the next point, and one
    // not later than the last is counted into the next.
    bool addProgressAt(const QList<kafka::PartitionProgress> &progress, qint64 timeMs);
    // A new run of the consumer: the next point starts from its first
    // report (the time between is a gap in the lines: no points there).
    void restart();

    const SeriesHistory &rates() const { return m_rates; }
    const SeriesHistory &lags() const { return m_lags; }
    // The partitions behind the histories' values, in their order.
    const QList<kafka::TopicPartition> &partitions() const { return m_partitions.partitions(); }
    LiveChart *rateChart() const { return m_rateChart; }
    LiveChart *lagChart() const { return m_lagChart; }

protected:
    void redraw() override;

private:
    int indexOf(const kafka::TopicPartition &tp);
    void rebuildLines();

    SeriesHistory m_rates;
    SeriesHistory m_lags;
    PartitionLines m_partitions{SeriesHistory::DefaultMaxValues}; // as many as a point keeps values
    QList<qint64> m_received; // since the last point, by partition index
    qint64 m_uncharted = 0;   // since the last point, of partitions past maxValues
    qint64 m_lastMs = -1;     // the last point's time; -1: none in this run
    qint64 m_runStartMs = -1; // when this run's first records or report came
    LiveChart *m_rateChart;
    LiveChart *m_lagChart;
};
