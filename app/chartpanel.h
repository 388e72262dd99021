#pragma once

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

class LiveChart;
class QLabel;
class QPushButton;
class QVBoxLayout;

// What the live charts share around their LiveCharts: a note saying what is
// shown, a Pause toggle, and redraws batched to at most one a second, done
// only while the chart is on screen (a hidden one catches up when shown).
// Pausing freezes what is drawn; the history goes on filling, and resuming
// shows it.
class ChartPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int RedrawIntervalMs = 1000;

    explicit ChartPanel(QWidget *parent = nullptr);

    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    QPushButton *pauseButton() const { return m_pause; }
    QString noteText() const;

    // Draws now what the history holds (also while hidden or paused): for
    // tests, and for redraws the panel schedules.
    void redrawNow();
    // Redraws so far (redrawNow() included), and whether one is waiting for
    // its time (the timer runs): so that a test sees "no redraw comes while
    // paused" without waiting a second to be sure.
    int redrawCount() const { return m_redrawCount; }
    bool redrawPending() const { return m_redrawTimer.isActive(); }
    // The history has points not drawn yet.
    bool isStale() const { return m_stale; }

protected:
    // Draws the history into the charts; called at most once a second.
    virtual void redraw() = 0;
    // Asks for a redraw: within RedrawIntervalMs, or when shown, or on resume.
    void scheduleRedraw();
    void setNote(const QString &text);
    // What to add to the note when a chart drew less than its history (a
    // line with more gaps than it draws): "" if none did.
    static QString droppedRunsNote(std::initializer_list<const LiveChart *> charts);
    QVBoxLayout *chartLayout() const { return m_charts; }
    void showEvent(QShowEvent *event) override;

private:
    bool m_paused = false;
    bool m_stale = false; // the history has points not drawn yet
    int m_redrawCount = 0;
    QLabel *m_note;
    QPushButton *m_pause;
    QVBoxLayout *m_charts;
    QTimer m_redrawTimer;
    QElapsedTimer m_sinceRedraw;
};
