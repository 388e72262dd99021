#include "consumerchart.h"

#include "livechart.h"

#include <QDateTime>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace {
constexpr double Unknown = std::numeric_limits<double>::quiet_NaN();
}

ConsumerChart::ConsumerChart(QWidget *parent)
    : ChartPanel(parent),
      m_rateChart(new LiveChart(tr("messages/s"), QStringLiteral("%.0f"), this)),
      m_lagChart(new LiveChart(tr("lag"), QStringLiteral("%.0f"), this))
{
    setObjectName(QStringLiteral("consumerChart"));
    m_rateChart->setObjectName(QStringLiteral("consumerRateChart"));
    m_lagChart->setObjectName(QStringLiteral("consumerLagChart"));
    chartLayout()->addWidget(m_rateChart, 1);
    chartLayout()->addWidget(m_lagChart, 1);
    rebuildLines();
    redrawNow();
}

int ConsumerChart::indexOf(const kafka::TopicPartition &tp)
{
    const int before = m_partitions.size();
    const int index = m_partitions.add(tp); // -1: counted in the total only
    if (m_partitions.size() > before) {
        m_received.append(0);
        if (m_partitions.size() <= MaxPartitionLines)
            rebuildLines();
    }
    return index;
}

void ConsumerChart::addRecords(const QList<kafka::RecordBatch> &batches)
{
    if (m_runStartMs < 0)
        m_runStartMs = QDateTime::currentMSecsSinceEpoch();
    // A batch is mostly one partition's run: look a partition up once a run.
    kafka::TopicPartition last;
    int index = -1;
    for (const kafka::RecordBatch &batch : batches)
        for (qsizetype i = 0; i < batch.size(); ++i) {
            const kafka::RecordView record = batch.view(i);
            if (record.partition() != last.partition || record.topic() != last.topic) {
                last = {record.topic(), record.partition()};
                index = indexOf(last);
            }
            if (index >= 0)
                ++m_received[index];
            else
                ++m_uncharted;
        }
}

bool ConsumerChart::addProgress(const QList<kafka::PartitionProgress> &progress)
{
    return addProgressAt(progress, QDateTime::currentMSecsSinceEpoch());
}

bool ConsumerChart::addProgressAt(const QList<kafka::PartitionProgress> &progress, qint64 timeMs)
{
    if (m_runStartMs < 0)
        m_runStartMs = timeMs;
    const qint64 from = m_lastMs >= 0 ? m_lastMs : std::min(m_runStartMs, timeMs);
    // This report's lag by partition index (-1: unknown); the partitions
    // past maxValues() count in the total only.
    QHash<int, qint64> lagOf;
    bool lagKnown = !progress.isEmpty();
    qint64 lagTotal = 0;
    for (const kafka::PartitionProgress &p : progress) {
        const int index = indexOf(p.partition);
        const qint64 lag = p.highWatermark >= 0 && p.position >= 0 ? std::max<qint64>(0, p.highWatermark - p.position) : -1;
        if (index >= 0)
            lagOf.insert(index, lag);
        lagKnown = lagKnown && lag >= 0;
        lagTotal += std::max<qint64>(0, lag);
    }
    // The first report of a run at the very time of its first records:
    // nothing to divide by yet; it is the start of the next point, and
    // they count into it.
    if (timeMs <= from) {
        if (m_lastMs < 0)
            m_lastMs = timeMs;
        return false;
    }
    const double seconds = double(timeMs - from) / 1000.0;

    SeriesHistory::Point rate{timeMs, timeMs - from, 0, {}};
    SeriesHistory::Point lag{timeMs, timeMs - from, 0, {}};
    rate.values.reserve(m_partitions.size());
    lag.values.reserve(m_partitions.size());
    qint64 received = m_uncharted;
    for (qsizetype i = 0; i < m_partitions.size(); ++i) {
        received += m_received[i];
        rate.values.append(double(m_received[i]) / seconds);
        m_received[i] = 0;
        // Not in the report (not assigned): unknown too.
        const qint64 partitionLag = lagOf.value(int(i), -1);
        lag.values.append(partitionLag < 0 ? Unknown : double(partitionLag));
    }
    m_uncharted = 0;
    rate.total = double(received) / seconds;
    lag.total = lagKnown ? double(lagTotal) : Unknown;
    m_rates.append(std::move(rate));
    m_lags.append(std::move(lag));
    m_lastMs = timeMs;
    scheduleRedraw();
    return true;
}

void ConsumerChart::restart()
{
    m_lastMs = -1;
    m_runStartMs = -1;
    m_received.fill(0);
    m_uncharted = 0;
}

void ConsumerChart::rebuildLines()
{
    for (LiveChart *chart : {m_rateChart, m_lagChart})
        chart->setPartitionLines(m_partitions, MaxPartitionLines);
}

void ConsumerChart::redraw()
{
    m_rateChart->setHistory(m_rates);
    m_lagChart->setHistory(m_lags);
    QString note = tr("Messages received per second, and lag (high watermark − position); a point a second, "
                      "%1 of %2 kept.")
                       .arg(m_rates.points().size())
                       .arg(m_rates.capacity());
    if (m_rates.isEmpty())
        note += QLatin1Char(' ') + tr("Start the consumer: the first point comes with its first report.");
    if (m_partitions.size() > MaxPartitionLines)
        note += QLatin1Char(' ') + tr("Partitions after the first %1 count in the totals only.").arg(MaxPartitionLines);
    note += QLatin1Char(' ') + tr("A gap: lag unknown.");
    note += droppedRunsNote({m_rateChart, m_lagChart});
    setNote(note);
}
