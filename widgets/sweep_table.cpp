#include "widgets/sweep_table.h"

#include <QEvent>
#include <QFont>
#include <QHeaderView>
#include <QLocale>
#include <QProgressBar>
#include <QSignalBlocker>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace secateur::widgets {
namespace {

enum Column { PointColumn, StateColumn, FirstCostColumn };

// After the cost columns.
enum TrailingColumn { ValidationOffset, TestOffset, TimeOffset, TrailingCount };

QLocale groupingLocale() {
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    return locale;
}

QString metricText(const std::optional<double>& value, bool lowerIsBetter) {
    if (!value || !std::isfinite(*value)) return QStringLiteral("-");
    const QLocale locale = groupingLocale();
    if (!lowerIsBetter) return locale.toString(*value * 100.0, 'f', 1) + QStringLiteral(" %");
    // Three significant digits, without an exponent.
    const double magnitude = std::abs(*value);
    const int decimals =
        magnitude > 0 ? std::clamp(2 - static_cast<int>(std::floor(std::log10(magnitude))), 0, 6)
                      : 3;
    return locale.toString(*value, 'f', decimals);
}

QString timeText(const std::optional<double>& seconds) {
    if (!seconds || !std::isfinite(*seconds) || *seconds < 0) return QStringLiteral("-");
    const qlonglong total = std::llround(*seconds);
    if (total < 60) return SweepTable::tr("%1 s").arg(total);
    if (total < 3600) return SweepTable::tr("%1 min %2 s").arg(total / 60).arg(total % 60);
    return SweepTable::tr("%1 h %2 min").arg(total / 3600).arg(total % 3600 / 60);
}

QString stateText(const SweepRow& row) {
    switch (row.state) {
        case SweepRow::State::Waiting:
            return SweepTable::tr("waiting");
        case SweepRow::State::Running: {
            const int percent =
                static_cast<int>(std::lround(std::clamp(row.progress, 0.0, 1.0) * 100));
            QString text = SweepTable::tr("running %1 %").arg(percent);
            if (!row.detail.isEmpty()) text += QStringLiteral(" (%1)").arg(row.detail);
            return text;
        }
        case SweepRow::State::Finished:
            return SweepTable::tr("finished");
        case SweepRow::State::Failed:
            return row.detail.isEmpty() ? SweepTable::tr("failed")
                                        : SweepTable::tr("failed: %1").arg(row.detail);
    }
    return {};
}

}  // namespace

SweepTable::SweepTable(QWidget* parent) : QWidget(parent) {
    setToolTip(tr("The points of the sweep; click one to select it"));
    setWhatsThis(
        tr("One row per point of the sweep: the trained seed (bold), the seed scaled down in "
           "width (the baselines a search should beat) and the searches, with their state, "
           "costs, validation and test metric and wall time."));

    tree_ = new QTreeWidget(this);
    tree_->setColumnCount(validationColumn() + TrailingCount);
    tree_->setRootIsDecorated(false);
    tree_->setUniformRowHeights(true);
    tree_->setSortingEnabled(false);
    tree_->setSelectionMode(QAbstractItemView::SingleSelection);
    tree_->setSelectionBehavior(QAbstractItemView::SelectRows);
    tree_->header()->setStretchLastSection(false);
    tree_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    tree_->header()->setSectionResizeMode(StateColumn, QHeaderView::Stretch);
    tree_->viewport()->installEventFilter(this);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(tree_);

    // setRows and setSelected block the tree's signals, so only the user's changes get here.
    connect(tree_, &QTreeWidget::itemSelectionChanged, this, [this] {
        const QString name = selected();
        if (!name.isEmpty()) Q_EMIT pointClicked(name);
    });
    // A click on the row that is already selected changes no selection, so it emits here.
    connect(tree_, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* item) {
        const QString name = item->data(PointColumn, Qt::UserRole).toString();
        if (item->isSelected() && name == selectedAtPress_) Q_EMIT pointClicked(name);
    });
    updateHeader();
}

bool SweepTable::eventFilter(QObject* watched, QEvent* event) {
    if (watched == tree_->viewport() && event->type() == QEvent::MouseButtonPress)
        selectedAtPress_ = selected();
    return QWidget::eventFilter(watched, event);
}

void SweepTable::setMetric(const QString& label, bool lowerIsBetter) {
    metricLabel_ = label;
    lowerIsBetter_ = lowerIsBetter;
    updateHeader();
    for (size_t i = 0; i < rows_.size(); ++i) updateItem(static_cast<int>(i));
}

void SweepTable::setRows(const std::vector<SweepRow>& rows) {
    const QString keep = selected();
    rows_ = rows;
    const QSignalBlocker blocker(tree_);
    while (tree_->topLevelItemCount() > static_cast<int>(rows_.size()))
        delete tree_->takeTopLevelItem(tree_->topLevelItemCount() - 1);
    while (tree_->topLevelItemCount() < static_cast<int>(rows_.size())) {
        new QTreeWidgetItem(tree_);  // owned by the tree
    }
    for (size_t i = 0; i < rows_.size(); ++i) updateItem(static_cast<int>(i));
    QTreeWidgetItem* current = nullptr;
    for (int i = 0; i < tree_->topLevelItemCount() && !keep.isEmpty(); ++i) {
        if (rows_[i].name == keep) current = tree_->topLevelItem(i);
    }
    tree_->clearSelection();
    if (current != nullptr) {
        tree_->setCurrentItem(current);
        current->setSelected(true);
    }
    tree_->viewport()->update();
}

void SweepTable::setSelected(const QString& name) {
    const QSignalBlocker blocker(tree_);
    tree_->clearSelection();
    for (int i = 0; i < tree_->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = tree_->topLevelItem(i);
        if (name.isEmpty() || rows_[i].name != name) continue;
        tree_->setCurrentItem(item);
        item->setSelected(true);
        tree_->scrollToItem(item);
    }
    tree_->viewport()->update();
}

int SweepTable::rowCount() const {
    return tree_->topLevelItemCount();
}

QString SweepTable::selected() const {
    const QList<QTreeWidgetItem*> items = tree_->selectedItems();
    return items.isEmpty() ? QString() : items.front()->data(PointColumn, Qt::UserRole).toString();
}

int SweepTable::columnIndex(const QString& column) const {
    if (column == QStringLiteral("Point")) return PointColumn;
    if (column == QStringLiteral("State")) return StateColumn;
    const int trailing = static_cast<int>(
        QStringList{QStringLiteral("Validation"), QStringLiteral("Test"), QStringLiteral("Time")}
            .indexOf(column));
    if (trailing >= 0) return validationColumn() + trailing;
    const std::vector<secateur::CostInfo>& infos = costs_.infos();
    for (size_t i = 0; i < infos.size(); ++i)
        if (column == QString::fromStdString(infos[i].name) ||
            column == QString::fromStdString(infos[i].label))
            return FirstCostColumn + static_cast<int>(i);
    return -1;
}

QString SweepTable::cellText(int row, const QString& column) const {
    const int index = columnIndex(column);
    if (row < 0 || row >= tree_->topLevelItemCount() || index < 0) return {};
    return tree_->topLevelItem(row)->text(index);
}

void SweepTable::setCostInfo(const std::vector<secateur::CostInfo>& infos) {
    costs_ = CostTexts(infos);
    tree_->setColumnCount(validationColumn() + TrailingCount);
    tree_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    tree_->header()->setSectionResizeMode(StateColumn, QHeaderView::Stretch);
    updateHeader();
    for (int i = 0; i < tree_->topLevelItemCount(); ++i) updateItem(i);
}

void SweepTable::updateHeader() {
    QStringList labels{tr("Point"), tr("State")};
    for (const secateur::CostInfo& cost : costs_.infos())
        labels << QString::fromStdString(cost.label);
    labels << tr("Validation %1").arg(metricLabel_) << tr("Test %1").arg(metricLabel_)
           << tr("Time");
    tree_->setHeaderLabels(labels);
    QTreeWidgetItem* header = tree_->headerItem();
    for (size_t i = 0; i < costs_.infos().size(); ++i) {
        const secateur::CostInfo& cost = costs_.infos()[i];
        header->setToolTip(FirstCostColumn + static_cast<int>(i),
                           QStringLiteral("%1 (%2)").arg(QString::fromStdString(cost.description),
                                                         QString::fromStdString(cost.unit)));
    }
}

void SweepTable::updateItem(int index) {
    const SweepRow& row = rows_[static_cast<size_t>(index)];
    QTreeWidgetItem* item = tree_->topLevelItem(index);
    item->setText(PointColumn, row.name);
    item->setData(PointColumn, Qt::UserRole, row.name);
    QFont font = tree_->font();
    font.setBold(row.kind == secateur::PointKind::Seed);
    item->setFont(PointColumn, font);
    if (row.kind == secateur::PointKind::Baseline) {
        item->setForeground(PointColumn, QColor(72, 101, 138));
    } else {
        item->setData(PointColumn, Qt::ForegroundRole, QVariant());
    }

    const QString state = stateText(row);
    item->setText(StateColumn, state);
    item->setToolTip(StateColumn, row.detail);
    if (row.state == SweepRow::State::Failed) {
        item->setForeground(StateColumn, QColor(160, 20, 20));
    } else {
        item->setData(StateColumn, Qt::ForegroundRole, QVariant());
    }
    auto* bar = qobject_cast<QProgressBar*>(tree_->itemWidget(item, StateColumn));
    if (row.state == SweepRow::State::Running) {
        if (bar == nullptr) {
            bar = new QProgressBar;
            bar->setRange(0, 1000);
            bar->setAutoFillBackground(true);
            bar->setMaximumHeight(tree_->fontMetrics().height() + 4);
            tree_->setItemWidget(item, StateColumn, bar);
        }
        bar->setValue(static_cast<int>(std::lround(std::clamp(row.progress, 0.0, 1.0) * 1000)));
        bar->setFormat(state);
        bar->setToolTip(row.detail);
    } else if (bar != nullptr) {
        tree_->removeItemWidget(item, StateColumn);
    }

    for (int column = FirstCostColumn; column < tree_->columnCount(); ++column)
        item->setTextAlignment(column, Qt::AlignRight | Qt::AlignVCenter);
    for (int column = FirstCostColumn; column < tree_->columnCount(); ++column)
        item->setTextAlignment(column, Qt::AlignRight | Qt::AlignVCenter);
    const QLocale locale = groupingLocale();
    for (size_t i = 0; i < costs_.infos().size(); ++i) {
        const auto value = row.costs.find(costs_.infos()[i].name);
        item->setText(
            FirstCostColumn + static_cast<int>(i),
            value == row.costs.end() ? QStringLiteral("-") : costCellText(value->second, locale));
    }
    const int validation = validationColumn();
    item->setText(validation + ValidationOffset, metricText(row.validation, lowerIsBetter_));
    item->setText(validation + TestOffset, metricText(row.test, lowerIsBetter_));
    item->setText(validation + TimeOffset, timeText(row.seconds));
}

}  // namespace secateur::widgets
