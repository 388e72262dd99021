#pragma once

#include "kafka/error.h"

#include <QDialog>
#include <QFuture>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

// A deletion that cannot be undone, confirmed by typing the name of what
// goes: Delete is enabled only once the name is typed exactly. With
// choices (e.g. a group's topics), the user also picks which one. Delete
// runs `request(choice)` (a request on the network pool) and waits for it
// without blocking: on success the dialog closes and emits deleted(); on a
// failure it shows the error and stays.
class ConfirmDeleteDialog : public QDialog {
    Q_OBJECT
public:
    using Request = std::function<QFuture<kafka::Error>(const QString &choice)>;

    ConfirmDeleteDialog(const QString &title, const QString &explanation, const QString &nameToType, Request request,
                        QWidget *parent = nullptr);
    // Offers `choices` (the first chosen) under `label`.
    void setChoices(const QString &label, const QStringList &choices);
    // A line above the buttons about this cluster (the sandbox refuses it).
    void setNote(const QString &note);
    const QString &nameToType() const { return m_name; }
    QString statusText() const;

signals:
    void deleted(const QString &choice);
    // After a failed attempt's error is shown.
    void failed(const QString &message);

private:
    void run();

    QString m_name;
    Request m_request;
    QLabel *m_choiceLabel;
    QComboBox *m_choices;
    QLineEdit *m_typed;
    QPushButton *m_delete;
    QLabel *m_note;
    QLabel *m_status;
    bool m_running = false;
};
