// image: Fashion-MNIST, 28x28 grey images of 10 kinds of clothing; every tenth training image
// is held out for validation, the official test set is the test split.
#include "engine/data/dataset_def.h"
#include "engine/data/idx_file.h"
#include "engine/util/error.h"

namespace secateur {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::pair<torch::Tensor, torch::Tensor> readPair(const fs::path& folder, const std::string& set) {
    const IdxArray images = readIdx((folder / (set + "-images-idx3-ubyte.gz")).string());
    const IdxArray labels = readIdx((folder / (set + "-labels-idx1-ubyte.gz")).string());
    if (images.dims.size() != 3 || labels.dims.size() != 1 || images.dims[0] != labels.dims[0])
        throw Error("image: " + set +
                    " images and labels disagree on the count; run "
                    "`secateur data verify image`");
    const torch::Tensor x =
        torch::from_blob(const_cast<uint8_t*>(images.data.data()),  // NOLINT: read-only view
                         {images.dims[0], 1, images.dims[1], images.dims[2]}, torch::kUInt8)
            .to(torch::kFloat32)
            .div(255.0);
    const torch::Tensor y =
        torch::from_blob(const_cast<uint8_t*>(labels.data.data()),  // NOLINT: read-only view
                         {labels.dims[0]}, torch::kUInt8)
            .to(torch::kLong);
    return {x, y};
}

PreparedData prepareImage(const fs::path& folder, const json& settings) {
    const auto every = settings.at("validation_every").get<int64_t>();
    auto [x, y] = readPair(folder, "train");
    const torch::Tensor index = torch::arange(x.size(0), torch::kLong);
    const torch::Tensor held = index.remainder(every).eq(every - 1);
    PreparedData data;
    data.classes = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                    "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    data.train = {x.index({~held}), y.index({~held}), {}};
    data.validation = {x.index({held}), y.index({held}), {}};
    auto [tx, ty] = readPair(folder, "t10k");
    data.test = {tx, ty, {}};
    normalizeAlong(data, 1);
    return data;
}

}  // namespace

DatasetDef imageDataset() {
    DatasetDef d;
    d.info = {"image",
              "Fashion-MNIST: 28x28 clothing images, 10 classes",
              "fashion-mnist",
              "github.com/zalandoresearch/fashion-mnist (commit b2617bb)",
              "MIT",
              "accuracy",
              SampleKind::Image};
    d.settings = {{"validation_every", 10}};
    d.prepare = prepareImage;
    d.url = [](const std::string& path) {
        return "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/"
               "b2617bb6d3ffa2e429640350f613e3291e10b141/data/fashion/" +
               path;
    };
    return d;
}

}  // namespace secateur
