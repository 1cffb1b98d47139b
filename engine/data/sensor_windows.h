// Private header: sliding windows over multichannel sensor streams (the occupancy datasets).
#pragma once

#include <string>
#include <vector>

#include "engine/data/csv_table.h"
#include "engine/data/dataset_def.h"

namespace secateur {

// Rows [begin, end) of a table that form one uninterrupted stretch of time.
struct Stretch {
    size_t begin = 0, end = 0;
    std::string name;  // e.g. "2017-12-22 #3", the group its windows belong to
};

// Windows of `length` rows every `stride` rows that lie inside one stretch; a window's input is
// [channels, length] (the named columns), its label the label column at its last row.
void addWindows(const CsvTable& table, const std::vector<std::string>& channels,
                const std::string& label, const Stretch& stretch, int64_t length, int64_t stride,
                std::vector<torch::Tensor>& inputs, std::vector<int64_t>& labels,
                std::vector<std::string>& groups);

// Stacks windows into a split; Error naming the dataset and split when there are none.
PreparedSplit stackSplit(const std::string& dataset, const std::string& split,
                         std::vector<torch::Tensor>& inputs, const std::vector<int64_t>& labels,
                         std::vector<std::string> groups);

}  // namespace secateur
