#include "replicationview.h"

#include "appearance.h"
#include "replicationmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace {
QString swatch(ReplicationModel::Cell cell, const QString &background, const QString &text)
{
    return QStringLiteral("<span style='background:%1;color:%2'>&nbsp;%3&nbsp;</span>")
        .arg(background, text, ReplicationModel::cellText(cell));
}
} // namespace

ReplicationView::ReplicationView(QWidget *parent)
    : QWidget(parent),
      m_model(new ReplicationModel(this)),
      m_title(new QLabel(tr("Select a topic to see its replicas on each broker."), this)),
      m_legend(new QLabel(this)),
      m_grid(new QTableView(this)),
      m_faults(new QPushButton(tr("&Faults…"), this))
{
    m_title->setObjectName(QStringLiteral("replicationTitle"));
    m_title->setWordWrap(true);
    m_faults->setObjectName(QStringLiteral("faultsButton"));
    m_grid->setObjectName(QStringLiteral("replicationGrid"));
    m_grid->setModel(m_model);
    m_grid->setSelectionMode(QAbstractItemView::NoSelection);
    m_grid->setWordWrap(false);
    m_grid->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_grid->horizontalHeader()->setMinimumSectionSize(90);
    m_grid->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    // Same colours as the cells (ReplicationModel), readable on any palette.
    m_legend->setText(tr("Each cell: what a broker is to a partition — %1 %2 %3 %4; empty: no replica there.")
                          .arg(swatch(ReplicationModel::Cell::Leader, QStringLiteral("#2e7d32"), QStringLiteral("white")),
                               swatch(ReplicationModel::Cell::InSync, QStringLiteral("#a5d6a7"), QStringLiteral("black")),
                               swatch(ReplicationModel::Cell::OutOfSync, QStringLiteral("#ffcc80"), QStringLiteral("black")),
                               swatch(ReplicationModel::Cell::Offline, QStringLiteral("#e57373"), QStringLiteral("black"))));
    m_legend->setWordWrap(true);

    auto *top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(m_faults);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_legend);
    layout->addWidget(m_grid, 1);
    connect(m_faults, &QPushButton::clicked, this, &ReplicationView::faultsRequested);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ReplicationView::updateTitle);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &ReplicationView::updateTitle);
    connect(m_model, &QAbstractItemModel::headerDataChanged, this, &ReplicationView::updateTitle);
    reset(false);
}

void ReplicationView::reset(bool sandbox)
{
    m_model->clear();
    m_faults->setEnabled(sandbox);
    m_faults->setToolTip(sandbox ? tr("Take brokers down, slow them, move leaders, fail requests: on the sandbox")
                                 : tr("Faults can be injected into the sandbox only. On a real cluster, stop a broker "
                                      "yourself: this grid shows the effect within one refresh."));
}

void ReplicationView::setTopic(const kafka::TopicInfo &topic)
{
    m_model->setTopic(topic);
}

void ReplicationView::setBrokers(const QList<kafka::BrokerInfo> &listed, const QList<int> &notAnswering,
                                 const QList<int> &sandboxDown)
{
    QMap<int, QString> down;
    for (const int id : notAnswering)
        down[id] = tr("does not answer");
    for (const int id : sandboxDown)
        down[id] = tr("was taken down in the sandbox (Faults)");
    // Brokers missing from the metadata: the model's own reason says more.
    for (auto it = down.begin(); it != down.end();)
        if (std::none_of(listed.cbegin(), listed.cend(), [&](const kafka::BrokerInfo &b) { return b.id == it.key(); })
            && !sandboxDown.contains(it.key()))
            it = down.erase(it);
        else
            ++it;
    m_model->setBrokers(listed, down);
}

void ReplicationView::updateTitle()
{
    if (m_model->topicName().isEmpty()) {
        m_title->setText(tr("Select a topic to see its replicas on each broker."));
        return;
    }
    int down = 0;
    for (const int id : m_model->brokerIds())
        down += !m_model->isBrokerUp(id);
    int offline = 0, outOfSync = 0, leaderless = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        bool hasLeader = false;
        for (const int id : m_model->brokerIds()) {
            const auto cell = m_model->cell(row, id);
            offline += cell == ReplicationModel::Cell::Offline;
            outOfSync += cell == ReplicationModel::Cell::OutOfSync;
            hasLeader |= cell == ReplicationModel::Cell::Leader;
        }
        leaderless += !hasLeader;
    }
    QString text = tr("<b>%1</b> — %2 partitions on %3 brokers")
                       .arg(m_model->topicName().toHtmlEscaped())
                       .arg(m_model->rowCount())
                       .arg(m_model->brokerIds().size());
    QStringList problems;
    if (down > 0)
        problems.append(tr("%1 broker(s) down").arg(down));
    if (leaderless > 0)
        problems.append(tr("%1 partition(s) without a live leader").arg(leaderless));
    if (offline > 0)
        problems.append(tr("%1 replica(s) offline").arg(offline));
    if (outOfSync > 0)
        problems.append(tr("%1 replica(s) out of sync").arg(outOfSync));
    text += problems.isEmpty() ? tr(" · all replicas in sync")
                               : QStringLiteral(" · <span style='color:%1'>%2</span>")
                                     .arg(appearance::errorText(palette()).name(), problems.join(QStringLiteral(", ")));
    m_title->setText(text);
}
