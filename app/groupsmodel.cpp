#include "groupsmodel.h"

#include <QSet>

#include <algorithm>
#include <vector>

struct GroupsModel::Node {
    QString key;
    QString name;
    QString details;
    Node *parent = nullptr;
    int row = 0; // among the parent's children: parent() is asked often, by views
    std::vector<std::unique_ptr<Node>> children;

    // After children came, went or moved, before the views hear of it.
    void renumber()
    {
        for (size_t i = 0; i < children.size(); ++i)
            children[i]->row = int(i);
    }
};

namespace {

// The rows with every key once: the first of duplicates stays.
QList<GroupsModel::Row> withUniqueKeys(const QList<GroupsModel::Row> &rows)
{
    QSet<QString> seen;
    QList<GroupsModel::Row> unique;
    unique.reserve(rows.size());
    for (const GroupsModel::Row &row : rows)
        if (!seen.contains(row.key)) {
            seen.insert(row.key);
            unique.append(row);
        }
    return unique;
}

} // namespace

GroupsModel::GroupsModel(QObject *parent) : QAbstractItemModel(parent), m_root(std::make_unique<Node>())
{
}

GroupsModel::~GroupsModel() = default;

GroupsModel::Node *GroupsModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

void GroupsModel::setRows(const QList<Row> &rows)
{
    reconcile(m_root.get(), {}, rows);
}

void GroupsModel::reconcile(Node *node, const QModelIndex &index, const QList<Row> &given)
{
    const QList<Row> rows = withUniqueKeys(given);
    auto &children = node->children;
    QSet<QString> wanted;
    for (const Row &row : rows)
        wanted.insert(row.key);

    // Rows that went, a run of neighbours at a time, from the end.
    for (int i = int(children.size()) - 1; i >= 0;) {
        if (wanted.contains(children[size_t(i)]->key)) {
            --i;
            continue;
        }
        int first = i;
        while (first > 0 && !wanted.contains(children[size_t(first - 1)]->key))
            --first;
        beginRemoveRows(index, first, i);
        children.erase(children.begin() + first, children.begin() + i + 1);
        node->renumber();
        endRemoveRows();
        i = first - 1;
    }

    // Then, in the new order: each row stays, moves up into place, or is
    // new (a run of new neighbours goes in at once).
    QSet<QString> existing;
    for (const auto &child : children)
        existing.insert(child->key);
    const auto build = [](const Row &row, Node *parent, const auto &self) -> std::unique_ptr<Node> {
        auto made = std::make_unique<Node>();
        made->key = row.key;
        made->name = row.name;
        made->details = row.details;
        made->parent = parent;
        for (const Row &child : withUniqueKeys(row.children))
            made->children.push_back(self(child, made.get(), self));
        made->renumber();
        return made;
    };
    for (int i = 0; i < rows.size();) {
        const Row &row = rows[i];
        if (!existing.contains(row.key)) {
            int last = i;
            while (last + 1 < rows.size() && !existing.contains(rows[last + 1].key))
                ++last;
            beginInsertRows(index, i, last);
            for (int k = i; k <= last; ++k)
                children.insert(children.begin() + k, build(rows[k], node, build));
            node->renumber();
            endInsertRows();
            i = last + 1;
            continue;
        }
        if (children[size_t(i)]->key != row.key) {
            // Only rows still to place lie below, so it is further down.
            const auto found = std::find_if(children.begin() + i, children.end(),
                                            [&row](const auto &n) { return n->key == row.key; });
            const int from = int(found - children.begin());
            beginMoveRows(index, from, from, index, i);
            std::unique_ptr<Node> moved = std::move(*found);
            children.erase(found);
            children.insert(children.begin() + i, std::move(moved));
            node->renumber();
            endMoveRows();
        }
        Node *child = children[size_t(i)].get();
        if (child->name != row.name || child->details != row.details) {
            child->name = row.name;
            child->details = row.details;
            emit dataChanged(this->index(i, NameColumn, index), this->index(i, DetailsColumn, index));
        }
        reconcile(child, this->index(i, NameColumn, index), row.children);
        ++i;
    }
}

QModelIndex GroupsModel::indexOfKeys(const QStringList &keys) const
{
    QModelIndex at;
    for (const QString &key : keys) {
        const auto &children = nodeOf(at)->children;
        const auto found = std::find_if(children.cbegin(), children.cend(), [&key](const auto &n) { return n->key == key; });
        if (found == children.cend())
            return {};
        at = index(int(found - children.cbegin()), NameColumn, at);
    }
    return at;
}

QModelIndex GroupsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return createIndex(row, column, nodeOf(parent)->children[size_t(row)].get());
}

QModelIndex GroupsModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    Node *parent = nodeOf(child)->parent;
    if (parent == m_root.get())
        return {};
    return createIndex(parent->row, NameColumn, parent);
}

int GroupsModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != NameColumn)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int GroupsModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant GroupsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *node = nodeOf(index);
    if (role == KeyRole)
        return node->key;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    return index.column() == NameColumn ? node->name : node->details;
}

QVariant GroupsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Group / member / partition");
    case DetailsColumn: return tr("Details");
    default: return {};
    }
}
