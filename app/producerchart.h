#pragma once

#include "chartpanel.h"
#include "latencyhistogram.h"
#include "serieshistory.h"

#include "kafka/producer.h"

#include <QTimer>

class LiveChart;

// The producer's send rate (messages delivered and failed per second) and
// delivery latency (p50 and p99 of each second's deliveries, from enqueue
// to delivery report: librdkafka's rd_kafka_message_latency) over the last
// 10 minutes, from the delivery reports the panel receives. Each second is
// one point; a second without deliveries has rate 0 and no latency (a gap).
// Percentiles come from a fixed-size histogram: memory does not grow with
// the rate.
class ProducerChart : public ChartPanel {
    Q_OBJECT
public:
    static constexpr int IntervalMs = 1000;

    explicit ProducerChart(QWidget *parent = nullptr);

    // Counts them into the second in progress; the first starts the clock.
    void addDeliveries(const QList<kafka::Delivery> &deliveries);
    // Closes the second in progress at `timeMs` (ms since the epoch); the
    // clock does it every IntervalMs.
    void closeInterval(qint64 timeMs);

    // total: delivered per second; values: {failed per second}.
    const SeriesHistory &rates() const { return m_rates; }
    // total: unused (NaN); values: {p50, p99} in ms, NaN without deliveries.
    const SeriesHistory &latencies() const { return m_latencies; }
    LiveChart *rateChart() const { return m_rateChart; }
    LiveChart *latencyChart() const { return m_latencyChart; }

protected:
    void redraw() override;

private:
    SeriesHistory m_rates;
    SeriesHistory m_latencies;
    LatencyHistogram m_histogram; // this second's delivered messages
    qint64 m_delivered = 0;       // this second's
    qint64 m_failed = 0;
    qint64 m_lastMs = -1; // the last point's time; -1 before the first delivery
    QTimer m_clock;
    LiveChart *m_rateChart;
    LiveChart *m_latencyChart;
};
