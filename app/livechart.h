#pragma once

#include <QChartView>
#include <QList>
#include <QPen>
#include <QPointF>

class PartitionLines;
class SeriesHistory;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

// A line chart over time for the live charts (consumer, group, producer):
// a time axis, one value axis, and lines whose unknown points (NaN y) are
// drawn as gaps, never as 0, and never bridged: a line is drawn in runs
// between them. A stretch of time without points (the source stopped or
// did not answer) is a gap too. Its colours come from the widget's palette,
// so it reads in light and dark. It only draws what it is given: the owner
// keeps the history and calls setHistory() or setLines() at most once a
// second.
class LiveChart : public QChartView {
    Q_OBJECT
public:
    // Runs a line is drawn in at most: each costs a series, and Qt Charts
    // slows with many. A line with more has its oldest runs dropped, and the
    // time shown starts with the first run kept (clippedFromMs()).
    static constexpr int MaxSegments = 16;
    // Points further apart than this many times the series' usual interval
    // have a gap between them.
    static constexpr double GapIntervals = 2.5;
    // The time shown at least, up to the last point.
    static constexpr qint64 MinWindowMs = 60000;

    LiveChart(const QString &valueTitle, const QString &labelFormat, QWidget *parent = nullptr);

    // Lines are added in order; the first is usually the total (thicker).
    int addLine(const QString &name, const QPen &pen);
    // Drops the lines from `first` on (another set of partitions).
    void removeLines(int first);
    int lineCount() const { return int(m_lines.size()); }

    // Every line's points (x: ms since the epoch; y: NaN where unknown), the
    // time range shown, in one go. Points more than gapMs apart (if > 0)
    // have a gap between them.
    void setLines(const QList<QList<QPointF>> &lines, qint64 firstMs, qint64 lastMs, qint64 gapMs = 0);
    // A history's points: line 0 its total (if withTotal), the next lines
    // its values in order (NaN where a point has fewer); shown over its
    // whole time, at least MinWindowMs up to its last point (up to now if it
    // is empty); a gap where points are more than GapIntervals of its
    // typical interval apart.
    void setHistory(const SeriesHistory &history, bool withTotal = true);
    // Replaces the lines with a total (thick) and one per partition, the
    // first `max` of them.
    void setPartitionLines(const PartitionLines &partitions, int max);
    // The time the last setLines() had to start later than asked for, as a
    // line had more than MaxSegments runs; -1 if it did not.
    qint64 clippedFromMs() const { return m_clippedFromMs; }
    // The typical interval of a history (the median of its points'; 0 if
    // none is known), and the step from it above which there is a gap.
    static qint64 gapAfterMs(const SeriesHistory &history);

    // What a line draws: its known points, over all its segments.
    QList<QPointF> drawnPoints(int line) const;
    // The separate runs a line is drawn in (one per stretch between gaps).
    int segmentCount(int line) const;
    QValueAxis *valueAxis() const { return m_valueAxis; }
    QDateTimeAxis *timeAxis() const { return m_timeAxis; }

    // Line colours that read on a light and a dark background alike.
    static QPen totalPen();
    static QPen linePen(int index, Qt::PenStyle style = Qt::SolidLine);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Line {
        QString name;
        QPen pen;
        QList<QLineSeries *> segments; // the first carries the legend entry
    };
    QLineSeries *newSegment(const Line &line, bool inLegend);
    void applyPalette();

    QChart *m_chart;
    QDateTimeAxis *m_timeAxis;
    QValueAxis *m_valueAxis;
    QList<Line> m_lines;
    bool m_wholeNumbers = false; // labels without decimals: no fractional ticks
    qint64 m_clippedFromMs = -1;
};
