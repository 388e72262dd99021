#include "configsdialog.h"

#include "appearance.h"
#include "configsmodel.h"
#include "tableviews.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

ConfigsDialog::ConfigsDialog(const kafka::ConfigResource &resource, QWidget *parent)
    : QDialog(parent),
      m_resource(resource),
      m_model(new ConfigsModel(resource.kind, this)),
      m_pages(new QStackedWidget(this)),
      m_table(new QTableView(this)),
      m_overridesOnly(new QCheckBox(tr("&Overrides only"), this)),
      m_status(new QLabel(this)),
      m_error(new QLabel(this)),
      m_diff(new QPlainTextEdit(this)),
      m_reset(new QPushButton(tr("Reset to &Default"), this)),
      m_discard(new QPushButton(tr("D&iscard Edits"), this)),
      m_review(new QPushButton(tr("&Review Changes…"), this)),
      m_apply(new QPushButton(tr("&Apply"), this)),
      m_back(new QPushButton(tr("&Back"), this)),
      m_reload(new QPushButton(tr("Re&load"), this))
{
    setWindowTitle(tr("Configs of %1 — Kafka Desk").arg(resource.describe()));
    resize(960, 600);
    m_overridesOnly->setObjectName(QStringLiteral("overridesOnlyCheck"));
    m_table->setObjectName(QStringLiteral("configsView"));
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_diff->setObjectName(QStringLiteral("diffEdit"));
    m_reset->setObjectName(QStringLiteral("resetButton"));
    m_review->setObjectName(QStringLiteral("reviewButton"));
    m_apply->setObjectName(QStringLiteral("applyButton"));

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);
    setDenseRows(m_table);
    m_error->setStyleSheet(QStringLiteral("color: %1;").arg(appearance::errorText(palette()).name()));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    m_status->setWordWrap(true);
    m_diff->setReadOnly(true);

    auto *editPage = new QWidget(this);
    auto *editLayout = new QVBoxLayout(editPage);
    editLayout->setContentsMargins(0, 0, 0, 0);
    auto *editHint = new QLabel(tr("Double-click a value to edit it. Nothing is sent until you review and apply."), editPage);
    editHint->setWordWrap(true);
    editLayout->addWidget(editHint);
    editLayout->addWidget(m_table);
    auto *editButtons = new QHBoxLayout;
    editButtons->addWidget(m_overridesOnly);
    editButtons->addStretch();
    editButtons->addWidget(m_reload);
    editButtons->addWidget(m_reset);
    editButtons->addWidget(m_discard);
    editButtons->addWidget(m_review);
    editLayout->addLayout(editButtons);

    auto *reviewPage = new QWidget(this);
    auto *reviewLayout = new QVBoxLayout(reviewPage);
    reviewLayout->setContentsMargins(0, 0, 0, 0);
    // Why the other overrides are listed as kept: the user should know the
    // whole set is sent.
    auto *reviewHint = new QLabel(tr("This change will be applied to %1. Every other override it has is sent again "
                                     "unchanged (librdkafka 2.0.2 replaces all overrides at once).")
                                      .arg(resource.describe()),
                                  reviewPage);
    reviewHint->setWordWrap(true);
    reviewLayout->addWidget(reviewHint);
    reviewLayout->addWidget(m_diff);
    auto *reviewButtons = new QHBoxLayout;
    reviewButtons->addStretch();
    reviewButtons->addWidget(m_back);
    reviewButtons->addWidget(m_apply);
    reviewLayout->addLayout(reviewButtons);

    m_pages->addWidget(editPage);
    m_pages->addWidget(reviewPage);

    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_pages, 1);
    layout->addWidget(m_error);
    layout->addWidget(close);

    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_overridesOnly, &QCheckBox::toggled, m_model, &ConfigsModel::setOverridesOnly);
    connect(m_reset, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_table->currentIndex();
        if (current.isValid())
            m_model->resetToDefault(current.row());
    });
    connect(m_discard, &QPushButton::clicked, m_model, &ConfigsModel::discardChanges);
    connect(m_review, &QPushButton::clicked, this, &ConfigsDialog::review);
    connect(m_apply, &QPushButton::clicked, this, &ConfigsDialog::apply);
    connect(m_back, &QPushButton::clicked, this, &ConfigsDialog::backToEditing);
    connect(m_reload, &QPushButton::clicked, this, [this] {
        m_busy = true;
        m_status->setText(tr("Loading the configs of %1…").arg(m_resource.describe()));
        updateButtons();
        emit loadRequested();
    });
    connect(m_model, &ConfigsModel::changesChanged, this, &ConfigsDialog::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ConfigsDialog::updateButtons);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this, &ConfigsDialog::updateButtons);
    m_busy = true;
    m_status->setText(tr("Loading the configs of %1…").arg(resource.describe()));
    updateButtons();
}

QString ConfigsDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString ConfigsDialog::diffText() const
{
    return m_diff->toPlainText();
}

void ConfigsDialog::setEntries(const kafka::Result<QList<kafka::ConfigEntry>> &entries)
{
    m_busy = false;
    if (!entries.ok()) {
        m_status->setText(tr("The configs of %1 are unknown.").arg(m_resource.describe()));
        showError(entries.error().message);
    } else {
        m_error->hide();
        m_model->setEntries(entries.value());
        m_table->resizeColumnsToContents();
        // A long value (a listener list, a class path) must not push the
        // source and flags out of view: it elides, its tooltip shows it whole.
        const int widest = fontMetrics().horizontalAdvance(QLatin1Char('0')) * 28;
        if (m_table->columnWidth(ConfigsModel::NameColumn) > widest * 3 / 2)
            m_table->setColumnWidth(ConfigsModel::NameColumn, widest * 3 / 2);
        if (m_table->columnWidth(ConfigsModel::ValueColumn) > widest)
            m_table->setColumnWidth(ConfigsModel::ValueColumn, widest);
        int overrides = 0;
        for (const kafka::ConfigEntry &entry : entries.value())
            overrides += entry.isOverrideOf(m_resource.kind) ? 1 : 0;
        m_status->setText(tr("%1 configs of %2, %3 of them set on it (overrides).")
                              .arg(entries.value().size())
                              .arg(m_resource.describe())
                              .arg(overrides));
    }
    updateButtons();
}

void ConfigsDialog::review()
{
    const auto plan = kafka::planConfigChange(m_resource, m_model->entries(), m_model->changes());
    if (!plan.ok())
        return showError(plan.error().message);
    m_error->hide();
    m_plan = plan.value();
    QStringList lines;
    for (const kafka::ConfigDiff &diff : m_plan.diff)
        lines.append(QStringLiteral("%1: %2").arg(diff.name, kafka::describeDiff(diff)));
    if (lines.isEmpty())
        lines.append(tr("Nothing changes: the values are the ones set now."));
    // What is sent again as it is: the user sees the whole set AlterConfigs gets.
    QStringList kept;
    for (const auto &[name, value] : m_plan.overrides)
        if (std::none_of(m_plan.diff.cbegin(), m_plan.diff.cend(), [&](const kafka::ConfigDiff &d) { return d.name == name; }))
            kept.append(QStringLiteral("  %1 = %2").arg(name, value));
    if (!kept.isEmpty())
        lines << QString() << tr("Kept as they are:") << kept;
    m_diff->setPlainText(lines.join(QLatin1Char('\n')));
    m_pages->setCurrentIndex(1);
    updateButtons();
}

void ConfigsDialog::apply()
{
    if (m_pages->currentIndex() != 1 || m_plan.diff.isEmpty() || m_busy)
        return;
    m_busy = true;
    m_error->hide();
    m_status->setText(tr("Applying the change to %1…").arg(m_resource.describe()));
    updateButtons();
    emit applyRequested(m_plan);
}

void ConfigsDialog::applyFinished(const kafka::Error &error)
{
    m_busy = false;
    if (error) {
        m_status->clear();
        showError(error.message);
        updateButtons();
        return;
    }
    // Shown as the cluster has it now.
    m_pages->setCurrentIndex(0);
    m_plan = {};
    m_busy = true;
    m_status->setText(tr("Applied. Loading the configs of %1…").arg(m_resource.describe()));
    updateButtons();
    emit loadRequested();
}

void ConfigsDialog::backToEditing()
{
    m_pages->setCurrentIndex(0);
    updateButtons();
}

void ConfigsDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->show();
}

void ConfigsDialog::setReadOnly(const QString &reason)
{
    m_readOnly = reason;
    m_table->setEditTriggers(reason.isEmpty() ? QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                                              : QAbstractItemView::NoEditTriggers);
    for (QPushButton *button : {m_reset, m_review, m_apply})
        button->setToolTip(reason);
    m_status->setToolTip(reason);
    updateButtons();
}

void ConfigsDialog::updateButtons()
{
    const bool editing = m_pages->currentIndex() == 0;
    const bool changed = !m_model->changes().isEmpty();
    m_table->setEnabled(!m_busy);
    const bool writable = m_readOnly.isEmpty();
    m_review->setEnabled(writable && editing && changed && !m_busy);
    m_discard->setEnabled(editing && changed && !m_busy);
    m_reset->setEnabled(writable && editing && !m_busy && m_model->canReset(m_table->currentIndex().row()));
    m_reload->setEnabled(editing && !m_busy);
    m_apply->setEnabled(writable && !editing && !m_plan.diff.isEmpty() && !m_busy);
    m_back->setEnabled(!editing && !m_busy);
}
