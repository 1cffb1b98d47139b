#include "widgets/layer_table.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QSortFilterProxyModel>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

#include "widgets/compact_number.h"
#include "widgets/layer_table_model.h"
#include "widgets/palette.h"

namespace secateur::widgets {
namespace {

// Draws a layer's share of the cost as a bar from the left edge, so heavy layers stand out.
class ShareBarDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override {
        const double share = std::clamp(index.data(Qt::UserRole).toDouble(), 0.0, 1.0);
        const QRect area = option.rect.adjusted(4, 5, -4, -5);
        const QRect bar(area.topLeft(),
                        QSize(static_cast<int>(area.width() * share), area.height()));
        // Behind the text normally; over the selection highlight (which would hide it) as a tint.
        const bool selected = option.state.testFlag(QStyle::State_Selected);
        if (!selected) painter->fillRect(bar, withAlpha(seriesColor(QStringLiteral("share")), 90));
        QStyledItemDelegate::paint(painter, option, index);
        if (selected) painter->fillRect(bar, QColor(255, 255, 255, 70));
    }
};

}  // namespace

LayerTable::LayerTable(QWidget* parent)
    : QWidget(parent),
      model_(new LayerTableModel(this)),
      proxy_(new QSortFilterProxyModel(this)),
      view_(new QTableView(this)),
      totals_(new QLabel(this)) {
    proxy_->setSourceModel(model_);
    proxy_->setSortRole(Qt::UserRole);
    proxy_->setDynamicSortFilter(true);

    view_->setModel(proxy_);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->setAlternatingRowColors(true);
    view_->setShowGrid(false);
    view_->setWordWrap(false);
    view_->verticalHeader()->hide();
    view_->verticalHeader()->setDefaultSectionSize(view_->fontMetrics().height() + 10);
    shareBar_ = new ShareBarDelegate(view_);
    QHeaderView* header = view_->horizontalHeader();
    header->setHighlightSections(false);
    header->setSortIndicatorClearable(true);
    header->setSortIndicator(-1, Qt::AscendingOrder);  // network order until a header is clicked
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(LayerTableModel::Layer, QHeaderView::Stretch);
    header->setMinimumSectionSize(48);
    view_->setSortingEnabled(true);

    totals_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    totals_->setContentsMargins(6, 2, 6, 2);
    QPalette muted = totals_->palette();
    muted.setColor(QPalette::WindowText, QColor(90, 90, 98));
    totals_->setPalette(muted);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(view_, 1);
    layout->addWidget(totals_);

    connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &LayerTable::onSelectionChanged);
    connect(model_, &QAbstractItemModel::modelReset, this, &LayerTable::fitColumns);

    setToolTip(
        tr("The network's layers with what the search decided for each; click a header to "
           "sort, click a row to select the layer."));
    setWhatsThis(
        tr("Each row is a convolution or linear layer of the network being searched. Channels "
           "shows how many output channels (the layer's feature detectors) the search keeps out of "
           "those in the starting network, and Kernel and Dilation how wide each filter is now "
           "compared to the start. One column per cost (parameters, multiply-accumulates and the "
           "others the engine knows) says what the layer costs, and the share column how much "
           "of the network's total it takes, so the layers that dominate stand out."));
    totals_->setText(totalsText());
}

void LayerTable::setLayers(const secateur::Decisions& decisions,
                           const std::vector<secateur::LayerCost>& costs) {
    const QString selected = selectedLayer();
    model_->setLayers(decisions, costs);
    // A reset loses the selection; in-place updates keep it through the proxy.
    if (!selected.isEmpty() && selectedLayer() != selected) setSelectedLayer(selected);
    totals_->setText(totalsText());
}

void LayerTable::setSelectedLayer(const QString& node) {
    const int row = model_->rowOf(node);
    const QModelIndex index =
        row < 0 ? QModelIndex() : proxy_->mapFromSource(model_->index(row, 0));
    selectingProgrammatically_ = true;
    if (index.isValid()) {
        view_->selectionModel()->setCurrentIndex(
            index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        view_->scrollTo(index);
    } else {
        view_->selectionModel()->clearSelection();
    }
    selectingProgrammatically_ = false;
}

QString LayerTable::selectedLayer() const {
    const QModelIndexList rows = view_->selectionModel()->selectedRows();
    if (rows.isEmpty()) return {};
    return model_->nodeAt(proxy_->mapToSource(rows.first()).row());
}

void LayerTable::setCostInfo(const std::vector<secateur::CostInfo>& infos) {
    model_->setCostInfo(infos);
    totals_->setText(totalsText());
}

void LayerTable::setShareCost(const QString& cost) {
    model_->setShareCost(cost);
}

QString LayerTable::totalsText() const {
    QStringList parts;
    for (const QString& cost : model_->costColumns())
        parts << QStringLiteral("%1 %2").arg(compactNumber(model_->total(cost)),
                                             model_->costTexts().label(cost));
    return tr("Total: %1").arg(parts.isEmpty() ? QStringLiteral("-") : parts.join(" · "));
}

void LayerTable::onSelectionChanged() {
    if (!selectingProgrammatically_) Q_EMIT layerSelected(selectedLayer());
}

void LayerTable::fitColumns() {
    // The share bar draws in the last column, wherever the cost columns put it.
    for (int column = 0; column < model_->columnCount(); ++column)
        view_->setItemDelegateForColumn(column,
                                        column == model_->shareColumn() ? shareBar_ : nullptr);
    for (int column = LayerTableModel::Kind; column < model_->columnCount(); ++column) {
        view_->resizeColumnToContents(column);
        view_->setColumnWidth(column, view_->columnWidth(column) + 12);
    }
    view_->setColumnWidth(model_->shareColumn(),
                          std::max(view_->columnWidth(model_->shareColumn()), 120));
}

}  // namespace secateur::widgets
