#pragma once

#include "kafka/brokeradmin.h"
#include "kafka/clustermetadata.h"

#include <QAbstractItemModel>
#include <QMap>

// The navigator tree: two groups, "Brokers" and "Topics", with one row per
// broker and per topic. Columns: name, details.
class ClusterNavigatorModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Group { BrokersGroup = 0, TopicsGroup = 1, GroupCount = 2 };
    enum Column { NameColumn = 0, DetailsColumn = 1, ColumnCount = 2 };
    enum Role { TopicNameRole = Qt::UserRole + 1, BrokerIdRole };

    using QAbstractItemModel::QAbstractItemModel;

    // Keeps rows (and so the selection) when the same brokers and topics come
    // back, which is the common case on a timed refresh; resets otherwise.
    void setMetadata(const kafka::ClusterMetadata &metadata);
    void clear();
    // Each broker's rack and whether it is the controller (describeBrokers),
    // shown beside its address; kept until clear().
    void setBrokerDetails(const QList<kafka::BrokerDetails> &details);

    QModelIndex topicIndex(const QString &name) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    // internalId: 0 for a group row, 1 + group for a child of that group.
    static constexpr quintptr GroupId = 0;
    QVariant groupData(int group, int column, int role) const;
    QVariant brokerData(const kafka::BrokerInfo &broker, int column, int role) const;
    QVariant topicData(const kafka::TopicInfo &topic, int column, int role) const;

    QList<kafka::BrokerInfo> m_brokers;
    QList<kafka::TopicInfo> m_topics;
    QMap<int, kafka::BrokerDetails> m_brokerDetails; // by broker id
};
