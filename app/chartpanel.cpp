#include "chartpanel.h"

#include "livechart.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

ChartPanel::ChartPanel(QWidget *parent)
    : QWidget(parent), m_note(new QLabel(this)), m_pause(new QPushButton(tr("&Pause"), this)), m_charts(new QVBoxLayout)
{
    m_pause->setObjectName(QStringLiteral("pauseChart"));
    m_pause->setCheckable(true);
    m_pause->setToolTip(tr("Freeze the chart to read it; the history goes on filling."));
    m_note->setObjectName(QStringLiteral("chartNote"));
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::RichText);
    auto *top = new QHBoxLayout;
    top->addWidget(m_note, 1);
    top->addWidget(m_pause, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addLayout(m_charts, 1);
    m_redrawTimer.setSingleShot(true);
    connect(&m_redrawTimer, &QTimer::timeout, this, [this] {
        if (!m_paused && isVisible())
            redrawNow();
    });
    connect(m_pause, &QPushButton::toggled, this, &ChartPanel::setPaused);
}

void ChartPanel::setPaused(bool paused)
{
    m_paused = paused;
    // Nothing is drawn while paused: a redraw asked for before waits for
    // the resume (m_stale says there is one to do).
    if (paused)
        m_redrawTimer.stop();
    {
        const QSignalBlocker block(m_pause);
        m_pause->setChecked(paused);
    }
    m_pause->setText(paused ? tr("&Resume") : tr("&Pause"));
    if (!paused && m_stale)
        redrawNow();
}

QString ChartPanel::noteText() const
{
    return m_note->text();
}

void ChartPanel::setNote(const QString &text)
{
    m_note->setText(text);
}

QString ChartPanel::droppedRunsNote(std::initializer_list<const LiveChart *> charts)
{
    for (const LiveChart *chart : charts)
        if (chart->clippedFromMs() >= 0)
            return QLatin1Char(' ') + tr("Too many gaps to draw them all: the chart starts later than the history.");
    return {};
}

void ChartPanel::redrawNow()
{
    m_redrawTimer.stop();
    m_stale = false;
    m_sinceRedraw.start();
    ++m_redrawCount;
    redraw();
}

void ChartPanel::scheduleRedraw()
{
    m_stale = true;
    if (m_paused || !isVisible() || m_redrawTimer.isActive())
        return;
    const qint64 since = m_sinceRedraw.isValid() ? m_sinceRedraw.elapsed() : RedrawIntervalMs;
    m_redrawTimer.start(int(std::max<qint64>(0, RedrawIntervalMs - since)));
}

void ChartPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale && !m_paused)
        redrawNow();
}
