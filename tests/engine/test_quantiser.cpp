// The quantisers of the precision search: levels, grids, rounding, saturation, straight-through
// gradients, mixing candidate bit-widths, calibration and the temperature schedule.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cmath>
#include <vector>

#include "engine/quant/quantiser.h"
#include "engine/util/error.h"

namespace secateur {
namespace {

torch::Tensor randomWeight(std::vector<int64_t> shape, uint64_t seed) {
    torch::manual_seed(seed);
    return torch::randn(shape);
}

TEST(Quantiser, LevelsAreSymmetricForWeightsAndSignedOrUnsignedForActivations) {
    EXPECT_EQ(weightLevels(8).min, -127);
    EXPECT_EQ(weightLevels(8).max, 127);
    EXPECT_EQ(weightLevels(4).max, 7);
    EXPECT_EQ(weightLevels(2).min, -1);
    EXPECT_EQ(weightLevels(2).max, 1);
    EXPECT_EQ(activationLevels(8, true).min, 0);
    EXPECT_EQ(activationLevels(8, true).max, 255);
    EXPECT_EQ(activationLevels(8, false).min, -128);
    EXPECT_EQ(activationLevels(8, false).max, 127);
    EXPECT_EQ(activationLevels(2, true).max, 3);
    EXPECT_THROW(weightLevels(1), Error);
    EXPECT_THROW(activationLevels(9, true), Error);
}

TEST(Quantiser, WeightsLandOnTheirChannelsGridWithTheLargestExact) {
    const torch::Tensor w = randomWeight({6, 3, 3, 3}, 1);
    for (const int bits : {2, 4, 8}) {
        const torch::Tensor q = quantiseWeight(w, bits);
        const torch::Tensor scales = weightScales(w, bits).reshape({6, 1, 1, 1});
        const torch::Tensor steps = q / scales;
        EXPECT_TRUE(torch::allclose(steps, steps.round(), 0, 1e-4)) << bits;
        EXPECT_LE(steps.abs().max().item<double>(), weightLevels(bits).max + 1e-4) << bits;
        // Each channel's largest magnitude is exactly representable.
        const torch::Tensor largest = w.reshape({6, -1}).abs().amax(1);
        EXPECT_TRUE(torch::allclose(q.reshape({6, -1}).abs().amax(1), largest, 1e-6, 1e-6))
            << bits;
        // The error is at most half a step.
        EXPECT_LE(((q - w).abs() / scales).max().item<double>(), 0.5 + 1e-4) << bits;
    }
}

TEST(Quantiser, RoundsToTheNearestLevel) {
    // One channel with largest 7: at 4 bits the scale is 1 and the levels are the integers.
    const torch::Tensor w = torch::tensor({7.0F, 1.4F, 1.6F, -2.6F, 0.2F, -7.0F}).reshape({1, 6});
    const torch::Tensor q = quantiseWeight(w, 4);
    const torch::Tensor expected = torch::tensor({7.0F, 1.0F, 2.0F, -3.0F, 0.0F, -7.0F});
    EXPECT_TRUE(torch::allclose(q.reshape({6}), expected)) << q;
}

TEST(Quantiser, TwoBitWeightsAreTernaryAndZeroBitsPrune) {
    const torch::Tensor w = randomWeight({4, 8}, 2);
    const torch::Tensor q = quantiseWeight(w, 2);
    const torch::Tensor scales = weightScales(w, 2).reshape({4, 1});
    const torch::Tensor steps = (q / scales).round();
    EXPECT_TRUE(((steps == -1) | (steps == 0) | (steps == 1)).all().item<bool>());
    EXPECT_EQ(quantiseWeight(w, 0).abs().sum().item<double>(), 0.0);
}

TEST(Quantiser, AWeightExactOnATernaryGridIsExactAtEveryWidth) {
    // Values in {-a, 0, a} per channel: every width represents them without error.
    const torch::Tensor w =
        torch::tensor({0.5F, -0.5F, 0.0F, 0.5F, 0.0F, -0.25F, 0.25F, 0.25F}).reshape({2, 4});
    for (const int bits : {2, 4, 8}) EXPECT_TRUE(torch::equal(quantiseWeight(w, bits), w)) << bits;
}

TEST(Quantiser, AnAllZeroChannelStaysZero) {
    torch::Tensor w = randomWeight({3, 5}, 3);
    w[1].zero_();
    const torch::Tensor q = quantiseWeight(w, 4);
    EXPECT_EQ(q[1].abs().sum().item<double>(), 0.0);
    EXPECT_TRUE(torch::isfinite(q).all().item<bool>());
}

TEST(Quantiser, WeightGradientsPassStraightThrough) {
    const torch::Tensor w = randomWeight({4, 3, 3}, 4).requires_grad_(true);
    quantiseWeight(w, 2).sum().backward();
    EXPECT_TRUE(torch::allclose(w.grad(), torch::ones_like(w)));
}

TEST(Quantiser, ActivationsSaturateAtTheClipAndRoundInside) {
    const torch::Tensor logClip = torch::tensor({std::log(3.0F)});  // clip 3: 4 bits, step 0.2
    const torch::Tensor x = torch::tensor({-1.0F, 0.0F, 0.29F, 0.31F, 2.95F, 3.0F, 7.0F});
    const torch::Tensor unsignedQ = quantiseActivation(x, logClip, 4, true);
    const torch::Tensor expected = torch::tensor({0.0F, 0.0F, 0.2F, 0.4F, 3.0F, 3.0F, 3.0F});
    EXPECT_TRUE(torch::allclose(unsignedQ, expected, 1e-5, 1e-5)) << unsignedQ;
    // Signed at 4 bits: levels -8..7 with step 3/7; -7 saturates at -8 steps.
    const torch::Tensor signedQ =
        quantiseActivation(torch::tensor({-7.0F, 7.0F}), logClip, 4, false);
    EXPECT_NEAR(signedQ[0].item<float>(), -8.0F * 3.0F / 7.0F, 1e-5);
    EXPECT_NEAR(signedQ[1].item<float>(), 3.0F, 1e-5);
}

TEST(Quantiser, ActivationGradientsPassInsideTheRangeAndTrainTheClip) {
    const torch::Tensor logClip = torch::tensor({0.0F}).requires_grad_(true);  // clip 1
    const torch::Tensor x = torch::tensor({-0.5F, 0.3F, 0.9F, 2.0F}).requires_grad_(true);
    quantiseActivation(x, logClip, 4, true).sum().backward();
    const torch::Tensor expected = torch::tensor({0.0F, 1.0F, 1.0F, 0.0F});
    EXPECT_TRUE(torch::allclose(x.grad(), expected)) << x.grad();
    ASSERT_TRUE(logClip.grad().defined());
    // A value above the clip pulls the clip up: a positive gradient of the sum.
    EXPECT_GT(logClip.grad().item<float>(), 0.0F);
}

TEST(Quantiser, OneHotMixturesEqualTheirCandidateAndGradientsReachTheChoice) {
    const torch::Tensor w = randomWeight({3, 4, 3}, 5);
    const std::vector<int> bits{0, 2, 4, 8};
    // Per channel: channel 0 at 8 bits, channel 1 pruned, channel 2 at 2 bits.
    const torch::Tensor oneHot = torch::tensor({0.0F, 0.0F, 0.0F, 1.0F, 1.0F, 0.0F, 0.0F, 0.0F,
                                                0.0F, 1.0F, 0.0F, 0.0F})
                                     .reshape({3, 4});
    const torch::Tensor mixed = mixWeight(w, bits, oneHot);
    EXPECT_TRUE(torch::allclose(mixed[0], quantiseWeight(w, 8)[0]));
    EXPECT_EQ(mixed[1].abs().sum().item<double>(), 0.0);
    EXPECT_TRUE(torch::allclose(mixed[2], quantiseWeight(w, 2)[2]));
    // A layer-wide choice, soft: gradients reach every candidate's logit.
    const torch::Tensor logits = torch::zeros({1, 4}).requires_grad_(true);
    const torch::Tensor target = randomWeight({3, 4, 3}, 6);
    (mixWeight(w, bits, bitProbabilities(logits, 1.0)) - target).pow(2).sum().backward();
    EXPECT_TRUE(torch::isfinite(logits.grad()).all().item<bool>());
    EXPECT_GT(logits.grad().abs().min().item<float>(), 0.0F);
    EXPECT_THROW(mixWeight(w, bits, torch::ones({2, 4})), Error);
}

TEST(Quantiser, ActivationMixturesWeighTheirCandidates) {
    const torch::Tensor logClip = torch::tensor({0.0F});
    const torch::Tensor x = torch::rand({2, 5});
    const std::vector<int> bits{2, 8};
    const torch::Tensor half = torch::tensor({0.5F, 0.5F});
    const torch::Tensor mixed = mixActivation(x, logClip, bits, true, half);
    const torch::Tensor expected = 0.5 * quantiseActivation(x, logClip, 2, true) +
                                   0.5 * quantiseActivation(x, logClip, 8, true);
    EXPECT_TRUE(torch::allclose(mixed, expected));
    EXPECT_TRUE(torch::equal(mixActivation(x, logClip, {8}, true, torch::ones({1})),
                             quantiseActivation(x, logClip, 8, true)));
}

TEST(Quantiser, TheObserverKeepsTheLargestMagnitude) {
    ClipObserver observer;
    EXPECT_FALSE(observer.seen());
    EXPECT_EQ(observer.clip(), 1.0);
    observer.observe(torch::tensor({-3.0F, 1.0F}), false);
    observer.observe(torch::tensor({2.0F, -0.5F}), false);
    EXPECT_EQ(observer.clip(), 3.0);
    ClipObserver positive;
    positive.observe(torch::tensor({-3.0F, 1.5F}), true);
    EXPECT_EQ(positive.clip(), 1.5);
}

TEST(Quantiser, TheTemperatureDecaysFromStartToEnd) {
    const TemperatureSchedule schedule{1.0, 0.05};
    EXPECT_DOUBLE_EQ(schedule.at(0.0), 1.0);
    EXPECT_NEAR(schedule.at(1.0), 0.05, 1e-12);
    EXPECT_NEAR(schedule.at(0.5), std::sqrt(0.05), 1e-12);
    EXPECT_DOUBLE_EQ(schedule.at(-1.0), 1.0);
    EXPECT_LT(schedule.at(0.7), schedule.at(0.6));
}

TEST(Quantiser, HardChoicesAreTheMostLikelyCandidate) {
    const torch::Tensor logits = torch::tensor({0.1F, 2.0F, 0.3F, 0.0F, 1.0F, 1.0F, 5.0F, -1.0F,
                                                0.0F})
                                     .reshape({3, 3});
    EXPECT_EQ(chosenBits(logits, {2, 4, 8}), (std::vector<int>{4, 4, 2}));
    const torch::Tensor sharp = bitProbabilities(logits, 0.01);
    EXPECT_NEAR(sharp[0][1].item<float>(), 1.0F, 1e-5);
}

}  // namespace
}  // namespace secateur
