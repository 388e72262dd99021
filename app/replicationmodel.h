#pragma once

#include "kafka/clustermetadata.h"

#include <QAbstractTableModel>
#include <QMap>

// One topic's replication as a grid: a row per partition, a column per
// broker, each cell what that broker is to that partition (its leader, a
// follower in sync or out of sync, an offline replica, or nothing), and
// each broker's header up or down.
//
// Down means: missing from the latest metadata after an earlier reply
// listed it (a real controller drops a dead broker), named in a replica
// list but never listed, or said to be down by the caller (the sandbox's
// own brokers, which its mock keeps listing; brokers that do not answer).
class ReplicationModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Cell { None, Leader, InSync, OutOfSync, Offline };
    Q_ENUM(Cell)
    // Cells: the Cell as an int. Horizontal header: the broker's id (BrokerIdRole)
    // and whether it is up (BrokerUpRole).
    static constexpr int CellRole = Qt::UserRole + 1;
    static constexpr int BrokerIdRole = Qt::UserRole + 2;
    static constexpr int BrokerUpRole = Qt::UserRole + 3;

    using QAbstractTableModel::QAbstractTableModel;

    // Updates cells in place while the topic, its partition count and the
    // brokers stay; resets otherwise.
    void setTopic(const kafka::TopicInfo &topic);
    // `listed`: the brokers of the latest metadata; `down`: broker id -> why
    // it is down, for brokers the metadata cannot tell about.
    void setBrokers(const QList<kafka::BrokerInfo> &listed, const QMap<int, QString> &down);
    // Forgets the topic and every broker seen (a new connection).
    void clear();

    QString topicName() const { return m_topic.name; }
    // The columns' broker ids, ascending.
    QList<int> brokerIds() const { return m_columns; }
    bool isBrokerUp(int brokerId) const { return downReason(brokerId).isEmpty(); }
    // Empty while the broker is up.
    QString downReason(int brokerId) const;
    Cell cell(int row, int brokerId) const;
    static QString cellText(Cell cell);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<int> columnsFor(const kafka::TopicInfo &topic) const;
    void apply(const kafka::TopicInfo &topic);
    QString cellToolTip(const kafka::PartitionInfo &partition, int brokerId, Cell cell) const;

    kafka::TopicInfo m_topic;
    QMap<int, kafka::BrokerInfo> m_seen; // every broker listed since clear()
    QList<int> m_listed;                 // in the latest metadata
    QMap<int, QString> m_down;           // as told by the caller
    QList<int> m_columns;
};
