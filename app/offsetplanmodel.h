#pragma once

#include "kafka/groupadmin.h"

#include <QAbstractTableModel>
#include <QMap>

// The preview of an offset reset, one row per partition: current → new →
// resulting lag, with the log's bounds and why a row differs from the
// target; once applied, each partition's result. Unknown is shown as
// unknown, nothing committed as "none".
class OffsetPlanModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TopicColumn, PartitionColumn, CurrentColumn, NewColumn, LogStartColumn, LogEndColumn, LagAfterColumn,
                  NoteColumn, ResultColumn, ColumnCount };

    explicit OffsetPlanModel(QObject *parent = nullptr);

    void setPlan(const kafka::OffsetResetPlan &plan);
    void clear();
    const kafka::OffsetResetPlan &plan() const { return m_plan; }
    // How many partitions the plan changes.
    int changingRows() const;
    void setResults(const QList<kafka::AppliedOffset> &results);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    kafka::OffsetResetPlan m_plan;
    QMap<kafka::TopicPartition, QString> m_results; // empty text: reset
};
