#pragma once

#include "kafka/producer.h"

#include <QAbstractTableModel>

// The headers of the message being composed: an editable name/value list.
// Rows whose name is empty are not sent.
class HeadersModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, ValueColumn, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;

    QList<kafka::Header> headers() const;
    void setHeaders(const QList<kafka::Header> &headers);
    // Adds an empty row and returns its index (name column), for editing.
    QModelIndex addRow();
    void removeRow(int row);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<std::pair<QString, QString>> m_rows;
};
