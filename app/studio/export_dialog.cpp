#include "app/studio/export_dialog.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

#include "app/studio/run_costs.h"
#include "engine/export/format.h"

namespace secateur::studio {

ExportDialog::ExportDialog(const RunHistory& history, const QString& selectedRun, QWidget* parent)
    : QDialog(parent),
      history_(history),
      run_(new QComboBox(this)),
      format_(new QComboBox(this)),
      target_(new QLineEdit(this)),
      result_(new QLabel(this)),
      openFolder_(new QPushButton(tr("Open folder"), this)) {
    setWindowTitle(tr("Export a searched network"));
    for (const RunEntry& run : history.runs()) {
        const QString id = QString::fromStdString(run.summary.id);
        const auto headline = headlineOf(run.summary);
        run_->addItem(QStringLiteral("%1 · %2 · %3 %4")
                          .arg(id, runCostText(run.summary),
                               headline ? headline->name : QStringLiteral("accuracy"),
                               headline ? headline->text() : QStringLiteral("-")),
                      id);
    }
    if (const int i = run_->findData(selectedRun); i >= 0) run_->setCurrentIndex(i);
    for (const FormatInfo& f : formatCatalog()) {
        format_->addItem(QStringLiteral("%1 (%2)").arg(QString::fromStdString(f.label),
                                                       QString::fromStdString(f.extension)),
                         QString::fromStdString(f.name));
        format_->setItemData(format_->count() - 1, QString::fromStdString(f.description),
                             Qt::ToolTipRole);
    }
    auto* browse = new QPushButton(tr("Browse…"), this);
    auto* targetRow = new QHBoxLayout;
    targetRow->addWidget(target_);
    targetRow->addWidget(browse);
    auto* form = new QFormLayout;
    form->addRow(tr("Run"), run_);
    form->addRow(tr("Format"), format_);
    form->addRow(tr("File"), targetRow);
    result_->setWordWrap(true);
    result_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    openFolder_->setVisible(false);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* exportButton = buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
    exportButton->setEnabled(run_->count() > 0);
    if (run_->count() == 0) result_->setText(tr("No finished run yet: run a search first."));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(result_);
    layout->addWidget(openFolder_, 0, Qt::AlignLeft);
    layout->addWidget(buttons);

    connect(run_, &QComboBox::currentIndexChanged, this, &ExportDialog::suggestTarget);
    connect(format_, &QComboBox::currentIndexChanged, this, &ExportDialog::suggestTarget);
    connect(browse, &QPushButton::clicked, this, [this] {
        const FormatInfo& f = formatInfo(format_->currentData().toString().toStdString());
        const QString filter =
            QStringLiteral("%1 (*%2)")
                .arg(QString::fromStdString(f.label), QString::fromStdString(f.extension));
        const QString file = QFileDialog::getSaveFileName(this, tr("Export to"), target(), filter);
        if (!file.isEmpty()) setTarget(file);
    });
    connect(exportButton, &QPushButton::clicked, this, &ExportDialog::exportNow);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(openFolder_, &QPushButton::clicked, this, [this] {
        QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(written_).absolutePath()));
    });
    suggestTarget();
}

void ExportDialog::setTarget(const QString& path) {
    target_->setText(path);
}

QString ExportDialog::target() const {
    return target_->text();
}

void ExportDialog::suggestTarget() {
    const RunEntry* run = history_.find(run_->currentData().toString());
    const std::string format = format_->currentData().toString().toStdString();
    if (run && !format.empty())
        setTarget(QDir(run->folder)
                      .filePath(QStringLiteral("exported") +
                                QString::fromStdString(formatInfo(format).extension)));
}

bool ExportDialog::exportNow() {
    const RunEntry* run = history_.find(run_->currentData().toString());
    if (!run) return false;
    if (target().trimmed().isEmpty()) {
        result_->setText(tr("<span style='color:#c62828'>Choose a file to write.</span>"));
        return false;
    }
    try {
        exportRun(run->folder.toStdString(), format_->currentData().toString().toStdString(),
                  target().toStdString());
    } catch (const std::exception& e) {
        result_->setText(tr("<span style='color:#c62828'>Export failed: %1</span>")
                             .arg(QString::fromStdString(e.what()).toHtmlEscaped()));
        openFolder_->setVisible(false);
        return false;
    }
    written_ = QFileInfo(target()).absoluteFilePath();
    result_->setText(tr("Wrote <b>%1</b>. Load it in Python with <code>torch.jit.load</code>.")
                         .arg(written_.toHtmlEscaped()));
    openFolder_->setVisible(true);
    return true;
}

}  // namespace secateur::studio
