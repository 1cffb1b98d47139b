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

// Draws the MACs share as a bar from the cell's left edge, so the heavy layers stand out.
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
        if (!selected)
            painter->fillRect(bar, withAlpha(seriesColor(QStringLiteral("macs share")), 90));
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
    view_->setItemDelegateForColumn(LayerTableModel::MacsShare, new ShareBarDelegate(view_));
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
           "compared to the start. Params and MACs count the weights and the multiply-accumulate "
           "operations the layer costs, so the layers that dominate the network's size and speed "
           "stand out."));
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

QString LayerTable::totalsText() const {
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    return tr("Total: %1 params · %2 MACs")
        .arg(locale.toString(qlonglong{model_->totalParams()}),
             compactNumber(static_cast<double>(model_->totalMacs())));
}

void LayerTable::onSelectionChanged() {
    if (!selectingProgrammatically_) Q_EMIT layerSelected(selectedLayer());
}

void LayerTable::fitColumns() {
    for (int column = LayerTableModel::Kind; column < LayerTableModel::ColumnCount; ++column) {
        view_->resizeColumnToContents(column);
        view_->setColumnWidth(column, view_->columnWidth(column) + 12);
    }
    // Room for the share bar.
    view_->setColumnWidth(LayerTableModel::MacsShare,
                          std::max(view_->columnWidth(LayerTableModel::MacsShare), 120));
}

}  // namespace secateur::widgets
