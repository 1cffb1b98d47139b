#include "engine/data/sensor_windows.h"

#include "engine/util/error.h"

namespace secateur {

void addWindows(const CsvTable& table, const std::vector<std::string>& channels,
                const std::string& label, const Stretch& stretch, int64_t length, int64_t stride,
                std::vector<torch::Tensor>& inputs, std::vector<int64_t>& labels,
                std::vector<std::string>& groups) {
    std::vector<int> columns;
    for (const std::string& c : channels) columns.push_back(table.column(c));
    const int labelColumn = table.column(label);
    const auto rows = static_cast<int64_t>(stretch.end - stretch.begin);
    if (rows < length) return;
    torch::Tensor values = torch::empty({static_cast<int64_t>(columns.size()), rows});
    auto a = values.accessor<float, 2>();
    for (int64_t r = 0; r < rows; ++r)
        for (size_t c = 0; c < columns.size(); ++c)
            a[static_cast<int64_t>(c)][r] = static_cast<float>(
                table.number(stretch.begin + static_cast<size_t>(r), columns[c]));
    for (int64_t start = 0; start + length <= rows; start += stride) {
        inputs.push_back(values.slice(1, start, start + length).clone());
        labels.push_back(static_cast<int64_t>(
            table.number(stretch.begin + static_cast<size_t>(start + length - 1), labelColumn)));
        groups.push_back(stretch.name);
    }
}

PreparedSplit stackSplit(const std::string& dataset, const std::string& split,
                         std::vector<torch::Tensor>& inputs, const std::vector<int64_t>& labels,
                         std::vector<std::string> groups) {
    if (inputs.empty())
        throw Error(dataset + ": the " + split +
                    " split has no complete window; shorten 'window' in the data settings");
    PreparedSplit s{torch::stack(inputs), torch::tensor(labels, torch::kLong), std::move(groups)};
    inputs.clear();
    return s;
}

}  // namespace secateur
