#include "widgets/data_panel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QStackedLayout>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <limits>

#include "widgets/sample_view.h"

namespace secateur::widgets {
namespace {

enum Page { MessagePage, LoadingPage, SummaryPage, MissingPage };
constexpr int kGroupsChars = 60;
constexpr int kNotesChars = 240;

// The system locale, always with thousands separators (the C locale leaves them out).
QLocale numberLocale() {
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    return locale;
}

QString bytes(qint64 size) {
    return QLocale().formattedDataSize(size, 1, QLocale::DataSizeSIFormat);
}

QString shapeText(const Shape& shape) {
    QStringList sizes;
    for (const int64_t d : shape) sizes.append(QString::number(d));
    return QStringLiteral("[%1]").arg(sizes.join(QStringLiteral(", ")));
}

QString elided(const QString& text, int chars) {
    if (text.size() <= chars) return text;
    return text.left(chars - 1) + QChar(0x2026);
}

QLabel* wrappedLabel(QWidget* parent, bool selectable = false) {
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    if (selectable) label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QTableWidgetItem* cell(const QString& text, Qt::Alignment align = Qt::AlignLeft) {
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled);
    item->setTextAlignment(align | Qt::AlignVCenter);
    return item;
}

}  // namespace

DataPanel::DataPanel(QWidget* parent) : QWidget(parent) {
    pages_ = new QStackedLayout(this);

    auto* messagePage = new QWidget(this);
    auto* messageLayout = new QVBoxLayout(messagePage);
    message_ = wrappedLabel(messagePage);
    message_->setAlignment(Qt::AlignCenter);
    messageLayout->addWidget(message_);
    pages_->addWidget(messagePage);

    auto* loadingPage = new QWidget(this);
    auto* loadingLayout = new QVBoxLayout(loadingPage);
    loading_ = wrappedLabel(loadingPage);
    loading_->setAlignment(Qt::AlignCenter);
    auto* busy = new QProgressBar(loadingPage);
    busy->setRange(0, 0);
    busy->setMaximumWidth(320);
    loadingLayout->addStretch(1);
    loadingLayout->addWidget(loading_);
    loadingLayout->addWidget(busy, 0, Qt::AlignHCenter);
    loadingLayout->addStretch(1);
    pages_->addWidget(loadingPage);

    auto* summaryPage = new QWidget(this);
    auto* summaryLayout = new QVBoxLayout(summaryPage);
    title_ = new QLabel(summaryPage);
    QFont titleFont = title_->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    title_->setFont(titleFont);
    notes_ = wrappedLabel(summaryPage, true);
    table_ = new QTableWidget(summaryPage);
    table_->verticalHeader()->hide();
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionMode(QAbstractItemView::NoSelection);
    table_->setFocusPolicy(Qt::NoFocus);
    table_->setWordWrap(false);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    auto* chooserRow = new QHBoxLayout;
    auto* chooserLabel = new QLabel(tr("Sample from"), summaryPage);
    splitChooser_ = new QComboBox(summaryPage);
    chooserLabel->setBuddy(splitChooser_);
    nextSample_ = new QPushButton(tr("Next sample"), summaryPage);
    nextSample_->setEnabled(false);
    chooserRow->addWidget(chooserLabel);
    chooserRow->addWidget(splitChooser_);
    chooserRow->addWidget(nextSample_);
    chooserRow->addStretch(1);
    sample_ = new SampleView(summaryPage);
    sampleCaption_ = wrappedLabel(summaryPage);
    summaryLayout->addWidget(title_);
    summaryLayout->addWidget(notes_);
    summaryLayout->addWidget(table_);
    summaryLayout->addLayout(chooserRow);
    summaryLayout->addWidget(sample_, 1);
    summaryLayout->addWidget(sampleCaption_);
    pages_->addWidget(summaryPage);

    auto* missingPage = new QWidget(this);
    auto* missingLayout = new QVBoxLayout(missingPage);
    auto* heading = new QLabel(tr("The data files are missing"), missingPage);
    QFont headingFont = heading->font();
    headingFont.setBold(true);
    heading->setFont(headingFont);
    problem_ = wrappedLabel(missingPage, true);
    folders_ = wrappedLabel(missingPage, true);
    error_ = wrappedLabel(missingPage, true);
    error_->setStyleSheet(QStringLiteral("color: #c62828;"));
    error_->hide();
    download_ = new QPushButton(tr("Download"), missingPage);
    cancel_ = new QPushButton(tr("Cancel"), missingPage);
    cancel_->hide();
    auto* buttonRow = new QHBoxLayout;
    buttonRow->addWidget(download_);
    buttonRow->addWidget(cancel_);
    buttonRow->addStretch(1);
    bar_ = new QProgressBar(missingPage);
    bar_->setTextVisible(false);
    bar_->hide();
    barText_ = new QLabel(missingPage);
    barText_->hide();
    missingLayout->addWidget(heading);
    missingLayout->addWidget(problem_);
    missingLayout->addWidget(folders_);
    missingLayout->addWidget(error_);
    missingLayout->addLayout(buttonRow);
    missingLayout->addWidget(bar_);
    missingLayout->addWidget(barText_);
    missingLayout->addStretch(1);
    pages_->addWidget(missingPage);

    connect(download_, &QPushButton::clicked, this, [this] {
        downloading_ = true;
        download_->setEnabled(false);
        cancel_->setEnabled(true);
        cancel_->show();
        error_->clear();
        error_->hide();
        bar_->setRange(0, 0);
        bar_->show();
        barText_->setText(tr("Starting the download…"));
        barText_->show();
        Q_EMIT downloadRequested();
    });
    connect(cancel_, &QPushButton::clicked, this, [this] {
        cancel_->setEnabled(false);
        barText_->setText(tr("Cancelling…"));
        Q_EMIT cancelDownloadRequested();
    });
    connect(splitChooser_, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0) Q_EMIT sampleRequested(splitChooser_->itemText(index), 0);
    });
    connect(nextSample_, &QPushButton::clicked, this, [this] {
        const QString split = splitChooser_->currentText();
        if (split.isEmpty()) return;
        const bool same = !shown_.split.empty() && QString::fromStdString(shown_.split) == split;
        Q_EMIT sampleRequested(split, same ? shown_.index + 1 : 0);
    });
    pages_->setCurrentIndex(MessagePage);
}

void DataPanel::showMessage(const QString& text) {
    message_->setText(text);
    pages_->setCurrentIndex(MessagePage);
}

void DataPanel::showLoading(const QString& text) {
    loading_->setText(text);
    pages_->setCurrentIndex(LoadingPage);
}

void DataPanel::setSummary(const DataSummary& summary) {
    const QLocale locale = numberLocale();
    title_->setText(QStringLiteral("%1: %2").arg(QString::fromStdString(summary.dataset),
                                                 QString::fromStdString(summary.title)));
    QStringList notes;
    const auto classCount = static_cast<int>(summary.classes.size());
    QString shapeLine = tr("Sample shape %1").arg(shapeText(summary.sampleShape));
    if (classCount > 0)
        shapeLine += classCount == 1 ? tr(" · 1 class") : tr(" · %1 classes").arg(classCount);
    notes.append(shapeLine);
    // Spaces after commas let the JSON wrap; long settings are cut, in full in the tooltip.
    QString settings = QString::fromStdString(summary.featureNotes).simplified();
    settings.replace(QRegularExpression(QStringLiteral(",(?=\\S)")), QStringLiteral(", "));
    if (!settings.isEmpty()) notes.append(tr("Features: %1").arg(elided(settings, kNotesChars)));
    if (!summary.cacheFolder.empty())
        notes.append(tr("Cached in %1").arg(QString::fromStdString(summary.cacheFolder)));
    notes_->setText(notes.join(QLatin1Char('\n')));
    notes_->setToolTip(settings.size() > kNotesChars ? settings : QString());

    QStringList headers{tr("Split"), tr("Samples")};
    for (const auto& name : summary.classes) headers.append(QString::fromStdString(name));
    headers.append(tr("Groups"));
    table_->clear();
    table_->setColumnCount(headers.size());
    table_->setHorizontalHeaderLabels(headers);
    table_->setRowCount(static_cast<int>(summary.splits.size()));
    const Qt::Alignment right = Qt::AlignRight;
    for (int row = 0; row < table_->rowCount(); ++row) {
        const SplitSummary& split = summary.splits[static_cast<size_t>(row)];
        table_->setItem(row, 0, cell(QString::fromStdString(split.name)));
        table_->setItem(row, 1, cell(locale.toString(qlonglong{split.samples}), right));
        for (int c = 0; c < classCount; ++c) {
            const auto index = static_cast<size_t>(c);
            const QString count = index < split.classCounts.size()
                                      ? locale.toString(qlonglong{split.classCounts[index]})
                                      : QString();
            table_->setItem(row, 2 + c, cell(count, right));
        }
        QStringList groups;
        for (const auto& group : split.groups) groups.append(QString::fromStdString(group));
        const QString all = groups.join(QLatin1Char(' '));
        QTableWidgetItem* groupsCell = cell(elided(all, kGroupsChars));
        if (all.size() > kGroupsChars) groupsCell->setToolTip(all);
        table_->setItem(row, 2 + classCount, groupsCell);
    }
    table_->resizeColumnsToContents();
    table_->horizontalHeader()->setStretchLastSection(true);
    // Tall enough for every row (and a horizontal scroll bar when the classes do not fit).
    int height = table_->horizontalHeader()->sizeHint().height() + 2 * table_->frameWidth();
    for (int row = 0; row < table_->rowCount(); ++row) height += table_->rowHeight(row);
    height += table_->horizontalScrollBar()->sizeHint().height();
    table_->setFixedHeight(height);

    {
        const QSignalBlocker blocker(splitChooser_);
        const QString current = QString::fromStdString(shown_.split);
        splitChooser_->clear();
        for (const auto& split : summary.splits)
            splitChooser_->addItem(QString::fromStdString(split.name));
        const int index = splitChooser_->findText(current);
        if (index >= 0) splitChooser_->setCurrentIndex(index);
    }
    nextSample_->setEnabled(splitChooser_->count() > 0);
    pages_->setCurrentIndex(SummaryPage);
}

void DataPanel::setSample(const DataSample& sample) {
    shown_ = sample;
    sample_->setSample(sample);
    sampleCaption_->setStyleSheet(QString());
    // The heatmap names its features itself.
    sampleCaption_->setText(sample.kind == secateur::SampleKind::Audio
                                ? QString()
                                : QString::fromStdString(sample.features));
    const QSignalBlocker blocker(splitChooser_);
    const int index = splitChooser_->findText(QString::fromStdString(sample.split));
    if (index >= 0) splitChooser_->setCurrentIndex(index);
}

void DataPanel::showMissing(const QString& problem, const QStringList& folders, bool canDownload) {
    problem_->setText(problem);
    QString looked = tr("Looked in:");
    for (const QString& folder : folders) looked += QStringLiteral("\n    ") + folder;
    folders_->setText(looked);
    folders_->setVisible(!folders.isEmpty());
    error_->clear();
    error_->hide();
    downloading_ = false;
    download_->setVisible(canDownload);
    download_->setEnabled(true);
    cancel_->hide();
    bar_->hide();
    barText_->hide();
    pages_->setCurrentIndex(MissingPage);
}

void DataPanel::setDownloadProgress(const QString& path, int file, int files, qint64 received,
                                    qint64 total) {
    // Late news of a download that failed, or of one being cancelled.
    if (!downloading_ || !cancel_->isEnabled()) return;
    download_->setEnabled(false);
    cancel_->show();
    bar_->show();
    barText_->show();
    if (total < 0) {
        bar_->setRange(0, 0);
    } else {
        // QProgressBar counts in int: larger files are shown in coarser units.
        const qint64 unit = total / std::numeric_limits<int>::max() + 1;
        bar_->setRange(0, static_cast<int>(total / unit));
        bar_->setValue(static_cast<int>(std::clamp<qint64>(received, 0, total) / unit));
    }
    QString text = tr("file %1 of %2: %3, %4").arg(file).arg(files).arg(path, bytes(received));
    if (total >= 0) text += tr(" of %1").arg(bytes(total));
    barText_->setText(text);
}

void DataPanel::showError(const QString& message) {
    error_->setText(message);
    error_->setVisible(!message.isEmpty());
    downloading_ = false;
    download_->setEnabled(true);
    cancel_->hide();
    bar_->hide();
    barText_->hide();
    // A sample that cannot be drawn keeps the summary; anything else fails on the missing page.
    if (pages_->currentIndex() == SummaryPage) {
        sampleCaption_->setStyleSheet(error_->styleSheet());
        sampleCaption_->setText(message);
    } else {
        pages_->setCurrentIndex(MissingPage);
    }
}

QString DataPanel::pageName() const {
    switch (pages_->currentIndex()) {
        case MessagePage:
            return QStringLiteral("message");
        case LoadingPage:
            return QStringLiteral("loading");
        case SummaryPage:
            return QStringLiteral("summary");
        case MissingPage:
            return QStringLiteral("missing");
        default:
            return {};
    }
}

QString DataPanel::messageText() const {
    return message_->text();
}

QString DataPanel::errorText() const {
    return error_->text();
}

}  // namespace secateur::widgets
