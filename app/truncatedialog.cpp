#include "truncatedialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <limits>

TruncateDialog::TruncateDialog(const kafka::TopicInfo &topic, QWidget *parent)
    : ClusterActionDialog(parent),
      m_topic(topic),
      m_partition(new QComboBox(this)),
      m_wholePartition(new QCheckBox(tr("All of it (up to its end)"), this)),
      m_offset(new QSpinBox(this)),
      m_understood(new QCheckBox(tr("I understand: the records are deleted for good."), this)),
      m_result(new QLabel(this))
{
    setWindowTitle(tr("Truncate Topic — Kafka Desk"));
    auto *intro = new QLabel(tr("Delete records of topic <b>%1</b>. Consumers then start at the first record left.")
                                 .arg(topic.name.toHtmlEscaped()),
                             this);
    intro->setWordWrap(true);
    m_partition->setObjectName(QStringLiteral("partitionCombo"));
    m_partition->addItem(tr("Every partition, up to its end"), kafka::TruncateSpec::EveryPartition);
    for (const kafka::PartitionInfo &p : topic.partitions)
        m_partition->addItem(p.hasWatermarks() ? tr("Partition %1 (offsets %2 to %3)").arg(p.id).arg(p.lowWatermark).arg(p.highWatermark)
                                               : tr("Partition %1 (offsets unknown)").arg(p.id),
                             p.id);
    m_wholePartition->setChecked(true);
    m_offset->setObjectName(QStringLiteral("offsetSpin"));
    // QSpinBox is an int; offsets beyond it are for the command line.
    m_offset->setRange(0, std::numeric_limits<int>::max());
    m_understood->setObjectName(QStringLiteral("understoodCheck"));
    m_result->setObjectName(QStringLiteral("resultLabel"));
    m_result->setWordWrap(true);
    m_result->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_truncate = buttons->addButton(tr("&Delete Records"), QDialogButtonBox::AcceptRole);
    m_truncate->setObjectName(QStringLiteral("truncateButton"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Partitions:"), m_partition);
    form->addRow(QString(), m_wholePartition);
    form->addRow(tr("Delete records &before offset:"), m_offset);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_understood);
    layout->addWidget(m_result);
    addMessagesAndButtons(layout, buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &TruncateDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_partition, &QComboBox::currentIndexChanged, this, &TruncateDialog::updateControls);
    connect(m_wholePartition, &QCheckBox::toggled, this, &TruncateDialog::updateControls);
    connect(m_understood, &QCheckBox::toggled, this, &TruncateDialog::updateControls);
    updateControls();
}

kafka::TruncateSpec TruncateDialog::spec() const
{
    kafka::TruncateSpec spec{m_topic.name};
    spec.partition = m_partition->currentData().toInt();
    if (spec.partition != kafka::TruncateSpec::EveryPartition && !m_wholePartition->isChecked())
        spec.beforeOffset = m_offset->value();
    return spec;
}

QString TruncateDialog::resultText() const
{
    return m_result->isHidden() ? QString() : m_result->text();
}

void TruncateDialog::choose(int partition, qint64 beforeOffset, bool understood)
{
    m_partition->setCurrentIndex(std::max(0, m_partition->findData(partition)));
    m_wholePartition->setChecked(beforeOffset == kafka::TruncateSpec::HighWatermark);
    if (beforeOffset >= 0)
        m_offset->setValue(int(std::min<qint64>(beforeOffset, std::numeric_limits<int>::max())));
    m_understood->setChecked(understood);
}

void TruncateDialog::accept()
{
    if (m_busy || m_done || !m_understood->isChecked())
        return;
    m_busy = true;
    clearError();
    updateControls();
    emit truncateRequested(spec());
}

void TruncateDialog::truncationFinished(const kafka::Result<QList<kafka::TruncatedPartition>> &result)
{
    m_busy = false;
    if (!result.ok()) {
        showError(result.error().message);
        updateControls();
        return;
    }
    // Done: what each partition starts at now; the dialog only closes.
    m_done = true;
    QStringList lines;
    for (const kafka::TruncatedPartition &p : result.value())
        lines.append(p.error.isEmpty() ? tr("Partition %1 now starts at offset %2.").arg(p.partition).arg(p.lowWatermark)
                                       : tr("Partition %1 was not truncated: %2").arg(p.partition).arg(p.error));
    m_result->setText(lines.join(QLatin1Char('\n')));
    m_result->show();
    updateControls();
}

void TruncateDialog::updateControls()
{
    const bool onePartition = m_partition->currentData().toInt() != kafka::TruncateSpec::EveryPartition;
    const bool editable = !m_busy && !m_done;
    m_partition->setEnabled(editable);
    m_wholePartition->setEnabled(editable && onePartition);
    m_offset->setEnabled(editable && onePartition && !m_wholePartition->isChecked());
    m_understood->setEnabled(editable);
    m_truncate->setEnabled(editable && m_understood->isChecked());
}
