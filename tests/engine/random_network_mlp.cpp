// The MLP half of the random-network generator: [N,F] or [N,T,F], linear over the last axis.
#include "tests/engine/random_network_generator.h"

namespace secateur::random_net {

int Generator::mlpCandidate(int x) {
    switch (between(0, 3)) {
        case 0:
            return x;
        case 1:
            return activation(x);
        case 2:
            return features(x) >= 2 ? b_.layerNorm(x, 1, chance(0.7)) : activation(x);
        default:
            return activation(b_.linear(x, features(x), chance(0.5)));
    }
}

int Generator::mlpStep(int x) {
    const int64_t step = between(0, 16);
    const bool wide = features(x) >= 2;
    if (step == 10 && wide) return normResidual(x);
    if (step == 11 && wide) return activation(b_.layerNorm(x, 1, chance(0.7)));
    if (step == 12 || step == 16) return oddity(x);
    if (step == 13 && shape(x)[1] >= 2)  // over time T, or over the features F
        return standardise(x, {1});
    if (step == 14) return mixedBlock(x, false);
    if (step == 15) {  // x / exp(s(x)), s clamped: a positive denominator
        const int s = b_.clamp(b_.linear(x, features(x), chance(0.5)), -4.0, 4.0);
        return b_.div(x, b_.activation("exp", s));
    }
    if (step == 4) {  // residual
        int y = activation(b_.linear(x, between(2, 24), chance(0.5)));
        y = b_.linear(y, features(x), chance(0.5));
        return chance(0.7) ? b_.add(x, y) : b_.sub(y, x);
    }
    if (step == 5)  // gate
        return b_.mul(x, b_.activation("sigmoid", b_.linear(x, features(x), chance(0.5))));
    if (step == 6)
        return b_.cat({b_.linear(x, between(1, 12), chance(0.5)), chance(0.5) ? x : activation(x)},
                      -1);
    if (step == 7 && features(x) >= 2) return splitAndMerge(x, lastAxis(x), false);
    if (step == 8 && shape(x).size() == 3) {  // token mixing over T
        x = b_.linear(b_.transpose(x, 1, 2), between(2, 8), chance(0.5));
        return activation(b_.transpose(x, 1, 2));
    }
    if (step == 9) return activation(x);
    x = b_.linear(x, between(2, 24), chance(0.7));
    if (chance(0.4)) x = b_.batchNorm(x);
    return chance(0.8) ? activation(x) : x;
}

Graph Generator::mlp() {
    const bool sequence = chance(0.3);
    int x = b_.input("x",
                     sequence ? Shape{1, between(2, 8), between(4, 16)} : Shape{1, between(4, 32)});
    if (chance(0.2)) x = b_.layerNorm(x, 1, chance(0.7));  // normalised features
    std::vector<int> hidden;
    for (int64_t i = 0, steps = between(1, 5); i < steps; ++i) {
        x = mlpStep(x);
        hidden.push_back(x);
    }
    if (shape(x).size() == 3 && chance(0.7))
        x = chance(0.5) ? b_.mean(x, {1}, false) : b_.flatten(x);
    b_.output(logProbabilities(b_.linear(x, between(1, 10), chance(0.8))));
    if (chance(0.25)) b_.output(b_.linear(oneOf(hidden), between(1, 4), true));
    return b_.build();
}

}  // namespace secateur::random_net
