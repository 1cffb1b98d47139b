// The one list of datasets: adding one is a new file and one line here.
#include "engine/data/dataset_def.h"
#include "engine/graph/error.h"
#include "engine/graph/suggest.h"

namespace secateur {

const std::vector<DatasetDef>& registeredDatasets() {
    static const std::vector<DatasetDef> list = {
        kwsDataset(),      kwsCustomaryDataset(), ecgDataset(),
        presenceDataset(), occupancyDataset(),    imageDataset(),
    };
    return list;
}

const DatasetDef& datasetDef(const std::string& name) {
    std::vector<std::string> names;
    for (const DatasetDef& d : registeredDatasets()) {
        if (d.info.name == name) return d;
        names.push_back(d.info.name);
    }
    throw Error("unknown dataset '" + name + "'" + didYouMean(name, names) + "; known: " +
                joinNames(names) + ", or a folder of class subfolders (see docs/data.md)");
}

std::vector<DatasetInfo> datasetList() {
    std::vector<DatasetInfo> out;
    for (const DatasetDef& d : registeredDatasets()) out.push_back(d.info);
    return out;
}

DatasetInfo findDataset(const std::string& name) {
    return datasetDef(name).info;
}

void normalizeAlong(PreparedData& data, int64_t axis) {
    const torch::Tensor& x = data.train.inputs;
    std::vector<int64_t> dims;
    for (int64_t d = 0; d < x.dim(); ++d)
        if (d != axis) dims.push_back(d);
    const torch::Tensor mean = x.mean(dims, true);
    const torch::Tensor std = x.std(dims, true, true).clamp_min(1e-6);
    for (PreparedSplit* s : {&data.train, &data.validation, &data.test})
        if (s->inputs.defined() && s->inputs.numel()) s->inputs = (s->inputs - mean) / std;
}

}  // namespace secateur
