// The dataset registry: adding a dataset is a new file and one line here.
#include "engine/util/registry.h"
#include "engine/data/dataset_def.h"
#include "engine/util/error.h"

namespace secateur {

namespace {

Registry<DatasetDef> makeBuiltinDatasets() {
    Registry<DatasetDef> registry("dataset");
    for (DatasetDef d : {kwsDataset(), kwsCustomaryDataset(), ecgDataset(), presenceDataset(),
                         occupancyDataset(), imageDataset()}) {
        const std::string name = d.info.name;
        registry.add(name, std::make_shared<const DatasetDef>(std::move(d)));
    }
    return registry;
}

const Registry<DatasetDef>& builtinDatasets() {
    static const Registry<DatasetDef> registry = makeBuiltinDatasets();
    return registry;
}

}  // namespace

const DatasetDef& datasetDef(const std::string& name) {
    if (const DatasetDef* def = builtinDatasets().find(name)) return *def;
    throw Error(builtinDatasets().unknown(name) +
                ", or a folder of class subfolders (see docs/data.md)");
}

std::vector<DatasetInfo> datasetList() {
    std::vector<DatasetInfo> out;
    for (const DatasetDef* d : builtinDatasets().all()) out.push_back(d->info);
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
