#include "confirmdeletedialog.h"

#include "whenready.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

ConfirmDeleteDialog::ConfirmDeleteDialog(const QString &title, const QString &explanation, const QString &nameToType,
                                         Request request, QWidget *parent)
    : QDialog(parent),
      m_name(nameToType),
      m_request(std::move(request)),
      m_choiceLabel(new QLabel(this)),
      m_choices(new QComboBox(this)),
      m_typed(new QLineEdit(this)),
      m_delete(new QPushButton(tr("&Delete"), this)),
      m_note(new QLabel(this)),
      m_status(new QLabel(this))
{
    setWindowTitle(title);
    auto *text = new QLabel(explanation, this);
    text->setWordWrap(true);
    m_choices->setObjectName(QStringLiteral("choiceCombo"));
    m_typed->setObjectName(QStringLiteral("nameEdit"));
    m_typed->setPlaceholderText(nameToType);
    m_delete->setObjectName(QStringLiteral("deleteButton"));
    m_delete->setEnabled(false);
    m_note->setObjectName(QStringLiteral("noteLabel"));
    m_note->setWordWrap(true);
    m_note->hide();
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->addRow(m_choiceLabel, m_choices);
    form->addRow(tr("Type <b>%1</b> to confirm:").arg(nameToType.toHtmlEscaped()), m_typed);
    m_choiceLabel->hide();
    m_choices->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_delete, QDialogButtonBox::DestructiveRole);
    // Enter in the field must not delete: a stray Enter reaches Cancel.
    m_delete->setAutoDefault(false);
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addLayout(form);
    layout->addWidget(m_note);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(480, sizeHint().height());

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_typed, &QLineEdit::textChanged, this,
            [this](const QString &typed) { m_delete->setEnabled(!m_running && typed == m_name); });
    connect(m_delete, &QPushButton::clicked, this, &ConfirmDeleteDialog::run);
}

void ConfirmDeleteDialog::setChoices(const QString &label, const QStringList &choices)
{
    m_choiceLabel->setText(label);
    m_choices->clear();
    m_choices->addItems(choices);
    m_choiceLabel->show();
    m_choices->show();
}

void ConfirmDeleteDialog::setNote(const QString &note)
{
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
}

QString ConfirmDeleteDialog::statusText() const
{
    return m_status->text();
}

void ConfirmDeleteDialog::run()
{
    if (m_running || m_typed->text() != m_name)
        return;
    if (m_choices->isVisible() && m_choices->currentText().isEmpty()) {
        m_status->setText(tr("Choose one first."));
        return;
    }
    m_running = true;
    m_delete->setEnabled(false);
    m_status->setText(tr("Deleting…"));
    const QString choice = m_choices->currentText();
    whenReady(this, m_request(choice), [this, choice](const kafka::Error &err) {
        m_running = false;
        if (err) {
            m_status->setText(err.message);
            m_delete->setEnabled(m_typed->text() == m_name);
            emit failed(err.message);
            return;
        }
        emit deleted(choice);
        accept();
    });
}
