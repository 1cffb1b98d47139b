// MLPerf Tiny anomaly-detection style fully connected autoencoder, scaled down:
// 128-64-64-8-64-64-128 with batch norm and ReLU after every layer but the last.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/graph/builder.h"
#include "engine/zoo/models.h"

namespace secateur {

Graph buildMlpAutoencoder(const ZooOptions& o) {
    GraphBuilder b(o.seed);
    int x = b.input("features", o.inputOr({1, 128}));
    const std::vector<int64_t> hidden = {64, 64, 8, 64, 64};
    for (size_t i = 0; i < hidden.size(); ++i) {
        const std::string name = "fc" + std::to_string(i + 1);
        x = b.linear(x, hidden[i], true, name);
        x = b.activation("relu", b.batchNorm(x, name + ".bn"), name + ".relu");
    }
    b.output(b.linear(x, 128, true, "reconstruction"));
    return b.build();
}

}  // namespace secateur
