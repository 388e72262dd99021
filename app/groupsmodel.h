#pragma once

#include <QAbstractItemModel>
#include <QList>
#include <QString>

#include <memory>

// The Groups tab's tree: groups, their members with the partitions they
// read, their committed offsets. Each refresh hands over the whole tree
// (setRows) and the model changes only what changed, with row insertions,
// removals, moves and dataChanged, never a reset: a row that is still there
// keeps its index, so the view keeps its selection, expanded rows and
// scroll position across refreshes.
class GroupsModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { NameColumn, DetailsColumn, ColumnCount };
    // The row's key (Row::key), in either column.
    static constexpr int KeyRole = Qt::UserRole;

    struct Row {
        // Names the row among its siblings: a row with the same key after a
        // refresh is the same row. Keys must differ among siblings (a later
        // duplicate is dropped).
        QString key;
        QString name;
        QString details;
        QList<Row> children;
    };

    explicit GroupsModel(QObject *parent = nullptr);
    ~GroupsModel() override;

    void setRows(const QList<Row> &rows);
    // The row reached by following `keys` from the top, or an invalid index.
    QModelIndex indexOfKeys(const QStringList &keys) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Node;
    Node *nodeOf(const QModelIndex &index) const;
    // Makes `node`'s children (at `index`) those of `rows`, in that order.
    void reconcile(Node *node, const QModelIndex &index, const QList<Row> &rows);

    std::unique_ptr<Node> m_root;
};
