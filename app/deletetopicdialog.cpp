#include "deletetopicdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

DeleteTopicDialog::DeleteTopicDialog(const QString &topic, QWidget *parent)
    : QDialog(parent), m_topic(topic), m_confirm(new QLineEdit(this)), m_error(new QLabel(this))
{
    setWindowTitle(tr("Delete Topic — Kafka Desk"));
    setMinimumWidth(460);
    auto *question = new QLabel(tr("Delete topic <b>%1</b> and every record in it? This cannot be undone.<br><br>"
                                   "Type the topic's name to confirm:")
                                    .arg(topic.toHtmlEscaped()),
                                this);
    question->setWordWrap(true);
    m_confirm->setObjectName(QStringLiteral("confirmEdit"));
    m_confirm->setPlaceholderText(topic);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_delete = buttons->addButton(tr("&Delete Topic"), QDialogButtonBox::AcceptRole);
    m_delete->setObjectName(QStringLiteral("deleteButton"));
    // Enter in the field must not delete before the name matches; and
    // Cancel, not Delete, is what a stray Enter reaches.
    m_delete->setAutoDefault(false);
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(question);
    layout->addWidget(m_confirm);
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("noteLabel"));
    m_note->setWordWrap(true);
    m_note->hide();
    layout->addWidget(m_note);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &DeleteTopicDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_confirm, &QLineEdit::textChanged, this, &DeleteTopicDialog::updateButton);
    updateButton();
}

void DeleteTopicDialog::setNote(const QString &note)
{
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
}

QString DeleteTopicDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void DeleteTopicDialog::accept()
{
    // The exact name, not trimmed or case-folded: "Orders" is not "orders".
    if (m_busy || m_confirm->text() != m_topic)
        return;
    m_busy = true;
    m_error->hide();
    updateButton();
    emit deleteRequested(m_topic);
}

void DeleteTopicDialog::deletionFinished(const kafka::Error &error)
{
    m_busy = false;
    updateButton();
    if (!error)
        return QDialog::accept();
    m_error->setText(error.message);
    m_error->show();
}

void DeleteTopicDialog::updateButton()
{
    m_delete->setEnabled(!m_busy && m_confirm->text() == m_topic);
    m_confirm->setEnabled(!m_busy);
}
