#include "producerchart.h"

#include "livechart.h"

#include <QDateTime>
#include <QVBoxLayout>

#include <limits>

namespace {
constexpr double Unknown = std::numeric_limits<double>::quiet_NaN();
}

ProducerChart::ProducerChart(QWidget *parent)
    : ChartPanel(parent),
      m_rates(SeriesHistory::DefaultCapacity, 1),
      m_latencies(SeriesHistory::DefaultCapacity, 2),
      m_rateChart(new LiveChart(tr("messages/s"), QStringLiteral("%.0f"), this)),
      m_latencyChart(new LiveChart(tr("latency (ms)"), QStringLiteral("%.1f"), this))
{
    setObjectName(QStringLiteral("producerChart"));
    m_rateChart->setObjectName(QStringLiteral("producerRateChart"));
    m_latencyChart->setObjectName(QStringLiteral("producerLatencyChart"));
    m_rateChart->addLine(tr("delivered"), LiveChart::totalPen());
    m_rateChart->addLine(tr("failed"), QPen(QColor(0xe5, 0x39, 0x35), 2));
    m_latencyChart->addLine(tr("p50"), LiveChart::linePen(0));
    m_latencyChart->addLine(tr("p99"), LiveChart::linePen(3, Qt::DashLine));
    // Side by side: the panel is wider than it is tall.
    auto *row = new QHBoxLayout;
    row->addWidget(m_rateChart, 1);
    row->addWidget(m_latencyChart, 1);
    chartLayout()->addLayout(row, 1);
    m_clock.setInterval(IntervalMs);
    connect(&m_clock, &QTimer::timeout, this, [this] { closeInterval(QDateTime::currentMSecsSinceEpoch()); });
    redrawNow();
}

void ProducerChart::addDeliveries(const QList<kafka::Delivery> &deliveries)
{
    if (m_lastMs < 0) {
        // Ticks from the first delivery on: an unused producer draws nothing.
        m_lastMs = QDateTime::currentMSecsSinceEpoch();
        m_clock.start();
    }
    for (const kafka::Delivery &delivery : deliveries) {
        if (!delivery.delivered()) {
            ++m_failed;
            continue;
        }
        ++m_delivered;
        if (delivery.latencyUs >= 0)
            m_histogram.add(delivery.latencyUs);
    }
}

void ProducerChart::closeInterval(qint64 timeMs)
{
    if (m_lastMs < 0)
        m_lastMs = timeMs - IntervalMs;
    if (timeMs <= m_lastMs)
        return;
    const qint64 interval = timeMs - m_lastMs;
    const double seconds = double(interval) / 1000.0;
    m_rates.append({timeMs, interval, double(m_delivered) / seconds, {double(m_failed) / seconds}});
    const auto ms = [this](double fraction) {
        const qint64 us = m_histogram.percentile(fraction);
        return us < 0 ? Unknown : double(us) / 1000.0;
    };
    m_latencies.append({timeMs, interval, Unknown, {ms(0.50), ms(0.99)}});
    m_histogram.clear();
    m_delivered = m_failed = 0;
    m_lastMs = timeMs;
    scheduleRedraw();
}

void ProducerChart::redraw()
{
    // Delivered is the total, failed the value; the latencies are values
    // only (p50, p99). Both histories have the same times.
    m_rateChart->setHistory(m_rates);
    m_latencyChart->setHistory(m_latencies, false);
    QString note = tr("Messages per second and delivery latency (enqueue to delivery report; p50 and p99 of each "
                      "second's deliveries); %1 of at most %2 points kept.")
                       .arg(m_rates.points().size())
                       .arg(m_rates.capacity());
    if (m_lastMs < 0)
        note += QLatin1Char(' ') + tr("Produce a message: the chart starts with the first delivery report.");
    note += droppedRunsNote({m_rateChart, m_latencyChart});
    setNote(note);
}
