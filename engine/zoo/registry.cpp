// The one list of zoo models: adding a model is one new file and one line here.
#include "engine/util/error.h"
#include "engine/util/suggest.h"
#include "engine/zoo/models.h"
#include "engine/zoo/zoo.h"

namespace secateur {
namespace {

struct ZooRecord {
    ZooEntry entry;
    Graph (*build)(const ZooOptions& options);
};

const std::vector<ZooRecord>& records() {
    static const std::vector<ZooRecord> list = {
        {{"ds_cnn",
          "MLPerf Tiny DS-CNN: 10x4 conv + 4 depthwise-separable blocks, 64 channels",
          "keyword_spotting",
          {1, 1, 49, 10}},
         buildDsCnn},
        {{"resnet8",
          "MLPerf Tiny ResNet-8: three residual stacks of 16/32/64 channels",
          "image_classification",
          {1, 3, 32, 32}},
         buildResNet8},
        {{"temponet",
          "TEMPONet-like dilated causal TCN, a deliberately large seed",
          "heart_rate_regression",
          {1, 4, 256}},
         buildTempoNet},
        {{"ecg_tcn",
          "Residual dilated causal TCN, 5 beat classes",
          "ecg_classification",
          {1, 1, 128}},
         buildEcgTcn},
        {{"mobilenet_v1_tiny",
          "MobileNetV1 (alpha 0.25 widths): depthwise-separable blocks",
          "image_classification",
          {1, 3, 32, 32}},
         buildMobileNetV1Tiny},
        {{"mobilenet_v2_tiny",
          "MobileNetV2: inverted residuals, linear bottlenecks, ReLU6",
          "image_classification",
          {1, 3, 32, 32}},
         buildMobileNetV2Tiny},
        {{"se_net_tiny",
          "SE-ResNet: squeeze-excitation gates (sigmoid, hardsigmoid)",
          "image_classification",
          {1, 3, 32, 32}},
         buildSeNetTiny},
        {{"fire_net",
          "SqueezeNet fire modules (concatenated expands) with a bypass",
          "image_classification",
          {1, 3, 32, 32}},
         buildFireNet},
        {{"shuffle_net_tiny",
          "ShuffleNet V1/V2 units: grouped 1x1 convs, channel shuffle, split",
          "image_classification",
          {1, 3, 32, 32}},
         buildShuffleNetTiny},
        {{"two_head_net",
          "Shared trunk with PReLU, class logits and a bounded regression head",
          "multi_task",
          {1, 3, 32, 32}},
         buildTwoHeadNet},
        {{"mlp_autoencoder",
          "MLPerf Tiny-style FC autoencoder 128-64-64-8-64-64-128",
          "anomaly_detection",
          {1, 128}},
         buildMlpAutoencoder},
        {{"kws_mixer",
          "1-D conv front end, per-frame MLP (GELU), gated split, mean over time",
          "keyword_spotting",
          {1, 10, 49}},
         buildKwsMixer},
    };
    return list;
}

}  // namespace

std::vector<ZooEntry> zooModels() {
    std::vector<ZooEntry> entries;
    for (const ZooRecord& record : records()) entries.push_back(record.entry);
    return entries;
}

Graph zooModel(const std::string& name, uint64_t seed) {
    ZooOptions options;
    options.seed = seed;
    return zooModel(name, options);
}

Graph zooModel(const std::string& name, const ZooOptions& options) {
    std::vector<std::string> known;
    for (const ZooRecord& record : records()) {
        if (record.entry.name != name) {
            known.push_back(record.entry.name);
            continue;
        }
        try {
            return record.build(options);
        } catch (const Error& e) {
            std::string shape;
            for (const int64_t d : options.input)
                shape += (shape.empty() ? "" : "x") + std::to_string(d);
            throw Error("zoo model '" + name + "' cannot be built for input " + shape + " with " +
                        std::to_string(options.classes) + " classes and width " +
                        std::to_string(options.width) + ": " + e.what() +
                        " (choose another seed for this data)");
        }
    }
    throw Error("unknown zoo model '" + name + "'" + didYouMean(name, known) +
                "; known models: " + joinNames(known));
}

}  // namespace secateur
