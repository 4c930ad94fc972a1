#pragma once
// The parameters of one lane, each a field labelled with its CLI key: the
// family's own (the spec's default as placeholder, the registry's help as
// tooltip), then zero and canary (placeholder: the heap's value), then any
// other key the lane's text already has, so that an edit never drops it.
// Every edit is checked by the registry: a valid lane is written back as
// the CLI writes it; otherwise the lane stays and the form says why.

#include <QWidget>

#include <vector>

class QFormLayout;
class QLabel;
class QLineEdit;

namespace heapviz::ui {

class LaneListModel;

class LaneParameterForm : public QWidget {
    Q_OBJECT
public:
    explicit LaneParameterForm(LaneListModel* model, QWidget* parent = nullptr);

    // Shows the lane at `row` of the model; -1 for none.
    void setRow(int row);
    int row() const { return m_row; }
    // The field of CLI key `key`, or nullptr.
    QLineEdit* field(const QString& key) const;
    QStringList keys() const;
    // Why the last edit was refused; empty when it was taken.
    QString problem() const;

private:
    void rebuild();
    void edited();
    void addField(const QString& key, const QString& value, const QString& placeholder, const QString& help);

    struct Field {
        QString key;
        QLineEdit* edit;
    };
    LaneListModel* m_model;
    int m_row = -1;
    bool m_writing = false; // our own edit is going into the model: keep the fields as typed
    QLabel* m_title;
    QFormLayout* m_form;
    QLabel* m_problem;
    std::vector<Field> m_fields;
};

} // namespace heapviz::ui
