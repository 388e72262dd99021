#include "resetoffsetsdialog.h"

#include "offsetplanmodel.h"
#include "whenready.h"

#include "kafka/connection.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QTableView>
#include <QVBoxLayout>

ResetOffsetsDialog::ResetOffsetsDialog(const kafka::Connection *connection, const QString &group, const QStringList &topics,
                                       QWidget *parent)
    : QDialog(parent),
      m_connection(connection),
      m_group(group),
      m_plan(new OffsetPlanModel(this)),
      m_topic(new QComboBox(this)),
      m_partitions(new QLineEdit(this)),
      m_targetKind(new QComboBox(this)),
      m_dateTime(new QDateTimeEdit(QDateTime::currentDateTime(), this)),
      m_value(new QLineEdit(this)),
      m_previewButton(new QPushButton(tr("&Preview"), this)),
      m_applyButton(new QPushButton(tr("&Apply"), this)),
      m_view(new QTableView(this)),
      m_status(new QLabel(this))
{
    setWindowTitle(tr("Reset offsets of %1").arg(group));
    m_topic->setObjectName(QStringLiteral("topicCombo"));
    m_topic->setEditable(true);
    m_topic->addItems(topics);
    m_partitions->setObjectName(QStringLiteral("partitionsEdit"));
    m_partitions->setPlaceholderText(tr("all, or e.g. 0,2,5"));
    m_targetKind->setObjectName(QStringLiteral("targetCombo"));
    using Kind = kafka::OffsetTarget::Kind;
    m_targetKind->addItem(tr("Earliest (log start)"), int(Kind::Earliest));
    m_targetKind->addItem(tr("Latest (log end)"), int(Kind::Latest));
    m_targetKind->addItem(tr("Date and time"), int(Kind::DateTime));
    m_targetKind->addItem(tr("Offset"), int(Kind::Offset));
    m_targetKind->addItem(tr("Shift by"), int(Kind::ShiftBy));
    m_dateTime->setObjectName(QStringLiteral("dateTimeEdit"));
    m_dateTime->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_dateTime->setCalendarPopup(true);
    m_value->setObjectName(QStringLiteral("valueEdit"));
    m_value->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("-?[0-9]{1,18}")), m_value));
    m_previewButton->setObjectName(QStringLiteral("previewButton"));
    m_applyButton->setObjectName(QStringLiteral("applyButton"));
    m_applyButton->setEnabled(false);
    m_view->setObjectName(QStringLiteral("planView"));
    m_view->setModel(m_plan);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->addRow(tr("Group:"), new QLabel(group.toHtmlEscaped(), this));
    form->addRow(tr("&Topic:"), m_topic);
    form->addRow(tr("P&artitions:"), m_partitions);
    form->addRow(tr("&Reset to:"), m_targetKind);
    form->addRow(tr("&When:"), m_dateTime);
    form->addRow(tr("&Value:"), m_value);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_previewButton, QDialogButtonBox::ActionRole);
    buttons->addButton(m_applyButton, QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Kafka changes a group's offsets only while it has no active members. Preview "
                                    "first: Apply commits the plan shown."),
                                 this));
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(820, 460);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_previewButton, &QPushButton::clicked, this, &ResetOffsetsDialog::preview);
    connect(m_applyButton, &QPushButton::clicked, this, &ResetOffsetsDialog::apply);
    connect(m_topic, &QComboBox::currentTextChanged, this, &ResetOffsetsDialog::inputsChanged);
    connect(m_partitions, &QLineEdit::textChanged, this, &ResetOffsetsDialog::inputsChanged);
    connect(m_targetKind, &QComboBox::currentIndexChanged, this, &ResetOffsetsDialog::inputsChanged);
    connect(m_dateTime, &QDateTimeEdit::dateTimeChanged, this, &ResetOffsetsDialog::inputsChanged);
    connect(m_value, &QLineEdit::textChanged, this, &ResetOffsetsDialog::inputsChanged);
    updateTargetInputs();
}

QString ResetOffsetsDialog::statusText() const
{
    return m_status->text();
}

kafka::Result<kafka::TopicSelection> ResetOffsetsDialog::selection() const
{
    kafka::TopicSelection chosen{m_topic->currentText().trimmed(), {}};
    if (chosen.topic.isEmpty())
        return kafka::Error::invalid(tr("Choose a topic."));
    const QString partitions = m_partitions->text().trimmed();
    if (partitions.isEmpty() || partitions.compare(QLatin1String("all"), Qt::CaseInsensitive) == 0)
        return chosen;
    for (const QString &part : partitions.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int id = part.trimmed().toInt(&ok);
        if (!ok || id < 0)
            return kafka::Error::invalid(tr("'%1' is not a partition number: list them as 0,2,5 (or leave the field "
                                            "empty for all).").arg(part.trimmed()));
        if (!chosen.partitions.contains(id))
            chosen.partitions.append(id);
    }
    return chosen;
}

kafka::Result<kafka::OffsetTarget> ResetOffsetsDialog::target() const
{
    using Kind = kafka::OffsetTarget::Kind;
    const auto kind = Kind(m_targetKind->currentData().toInt());
    if (kind == Kind::Earliest || kind == Kind::Latest)
        return kafka::OffsetTarget{kind, 0};
    if (kind == Kind::DateTime)
        return kafka::OffsetTarget{kind, m_dateTime->dateTime().toMSecsSinceEpoch()};
    bool ok = false;
    const qint64 value = m_value->text().toLongLong(&ok);
    if (!ok)
        return kafka::Error::invalid(kind == Kind::Offset ? tr("Enter the offset to reset to.")
                                                          : tr("Enter how far to shift (negative: back)."));
    if (kind == Kind::Offset && value < 0)
        return kafka::Error::invalid(tr("An offset is 0 or more."));
    return kafka::OffsetTarget{kind, value};
}

void ResetOffsetsDialog::updateTargetInputs()
{
    using Kind = kafka::OffsetTarget::Kind;
    const auto kind = Kind(m_targetKind->currentData().toInt());
    m_dateTime->setEnabled(kind == Kind::DateTime);
    m_value->setEnabled(kind == Kind::Offset || kind == Kind::ShiftBy);
    m_value->setPlaceholderText(kind == Kind::ShiftBy ? tr("e.g. -100") : kind == Kind::Offset ? tr("e.g. 42") : QString());
}

void ResetOffsetsDialog::inputsChanged()
{
    updateTargetInputs();
    // What Apply commits is the plan shown for these inputs: a new input
    // drops the plan (and any answer still on its way).
    ++m_request;
    m_plan->clear();
    m_applyButton->setEnabled(false);
    m_busy = false;
    m_previewButton->setEnabled(true);
    m_status->setText(tr("Preview to see what would change."));
}

void ResetOffsetsDialog::setBusy(bool busy, const QString &status)
{
    m_busy = busy;
    m_previewButton->setEnabled(!busy);
    m_applyButton->setEnabled(!busy && m_plan->changingRows() > 0);
    m_status->setText(status);
}

void ResetOffsetsDialog::preview()
{
    const auto chosen = selection();
    const auto where = target();
    for (const kafka::Error &err : {chosen.ok() ? kafka::Error{} : chosen.error(), where.ok() ? kafka::Error{} : where.error()})
        if (err) {
            m_status->setText(err.message);
            return;
        }
    const quint64 request = ++m_request;
    m_plan->clear();
    setBusy(true, tr("Asking the cluster…"));
    const auto future = m_connection->runOnClient(
        [group = m_group, selection = chosen.value(), target = where.value()](const kafka::ClusterClient &client) {
            return kafka::GroupAdmin(client).planReset(group, {selection}, target);
        });
    whenReady(this, future, [this, request](const kafka::Result<kafka::OffsetResetPlan> &plan) {
        if (request != m_request)
            return;
        if (plan.ok())
            m_plan->setPlan(plan.value());
        const int changing = m_plan->changingRows();
        setBusy(false, !plan.ok() ? plan.error().message
                       : changing == 0 ? tr("Nothing would change: every partition is left as it is (see Note).")
                                       : tr("%n partition(s) would be reset to %1. Apply to commit this plan.", nullptr, changing)
                                             .arg(plan.value().target.describe()));
        emit previewShown();
    });
}

void ResetOffsetsDialog::apply()
{
    if (m_busy || m_plan->changingRows() == 0)
        return;
    const quint64 request = ++m_request;
    setBusy(true, tr("Resetting…"));
    m_applyButton->setEnabled(false);
    const auto future = m_connection->runOnClient([plan = m_plan->plan()](const kafka::ClusterClient &client) {
        return kafka::GroupAdmin(client).applyReset(plan);
    });
    whenReady(this, future, [this, request](const kafka::Result<QList<kafka::AppliedOffset>> &applied) {
        if (request != m_request)
            return;
        if (!applied.ok()) {
            setBusy(false, applied.error().message);
            emit applyFinished(false);
            return;
        }
        m_plan->setResults(applied.value());
        const auto failed = std::count_if(applied.value().cbegin(), applied.value().cend(),
                                          [](const kafka::AppliedOffset &a) { return !a.error.isEmpty(); });
        const qsizetype reset = applied.value().size() - failed;
        // Applied once: a second Apply would need a fresh preview.
        m_busy = false;
        m_previewButton->setEnabled(true);
        m_status->setText(failed == 0 ? tr("Reset %n partition(s).", nullptr, int(reset))
                                      : tr("Reset %1 partition(s); %2 failed (see Result).").arg(reset).arg(failed));
        emit applyFinished(reset > 0);
    });
}
