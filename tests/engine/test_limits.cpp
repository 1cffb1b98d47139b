// Limits: parsing and errors, reachability before training, the repair, and over the zoo with
// random limits between 5 % and 80 % of the seed's costs, that every exported network meets them.
#include <gtest/gtest.h>

#include <iostream>
#include <random>

#include "engine/cost/cost.h"
#include "engine/cost/cost_model.h"
#include "engine/export/prune.h"
#include "engine/search/limit_penalty.h"
#include "engine/search/limits.h"
#include "engine/search/search.h"
#include "engine/search/task.h"
#include "engine/util/error.h"
#include "engine/zoo/zoo.h"
#include "tests/engine/test_support.h"

namespace secateur {
namespace {

TEST(Limits, AreParsedWithShortNamesAndSuffixes) {
    EXPECT_EQ(parseLimit("flash=65536"), (Limit{"flash", 65536}));
    EXPECT_EQ(parseLimit("ram=32k"), (Limit{"peak_ram", 32768}));
    EXPECT_EQ(parseLimit("latency=20"), (Limit{"latency_ms", 20}));
    EXPECT_EQ(parseLimit("energy_uj=1.5M"), (Limit{"energy_uj", 1.5 * 1024 * 1024}));
}

TEST(Limits, BadLimitsAreRefusedWithTheWayOut) {
    EXPECT_NE(errorOf([] { parseLimit("flash"); }).find("COST=VALUE"), std::string::npos);
    EXPECT_NE(errorOf([] { parseLimit("flsh=10"); }).find("did you mean 'flash'"),
              std::string::npos);
    EXPECT_NE(errorOf([] { parseLimit("flash=0"); }).find("must be positive"), std::string::npos);
    EXPECT_NE(errorOf([] { parseLimit("flash=-5"); }).find("must be positive"), std::string::npos);
    EXPECT_NE(errorOf([] { parseLimit("flash=lots"); }).find("not a number"), std::string::npos);
    EXPECT_NE(errorOf([] {
                  checkedLimits({{"flash", 1}, {"flash", 2}});
              }).find("two limits"),
              std::string::npos);
}

TEST(Limits, LimitSweepsAreParsedSortedAndChecked) {
    const LimitSweep sweep = parseLimitSweep("ram=32k,8k,16384");
    EXPECT_EQ(sweep.cost, "peak_ram");
    EXPECT_EQ(sweep.values, (std::vector<double>{8192, 16384, 32768}));
    EXPECT_NE(errorOf([] { parseLimitSweep("flash"); }).find("COST=V1,V2"), std::string::npos);
    EXPECT_NE(errorOf([] { parseLimitSweep("flash=8k,,16k"); }).find("an empty value"),
              std::string::npos);
    EXPECT_NE(errorOf([] { parseLimitSweep("flash=8k,8192"); }).find("twice"), std::string::npos);
    EXPECT_NE(errorOf([] { parseLimitSweep("flsh=8k"); }).find("did you mean 'flash'"),
              std::string::npos);
    EXPECT_NE(errorOf([] {
                  checkedLimitSweep({"flash", {}});
              }).find("no values"),
              std::string::npos);
}

TEST(Limits, AnUnreachableLimitFailsBeforeTrainingWithTheShortfall) {
    const Graph seed = zooModel("ds_cnn", 1);
    SearchOptions o;
    o.dimensions = {Dimension{"channels"}, Dimension{"kernels"}};
    o.limits = {{"flash", 100}};
    const Task task = makeSyntheticTask(seed, {64, 32, 1});
    const std::string message = errorOf([&] { runSearch(seed, task, o); });
    EXPECT_NE(message.find("limit flash <= 100 bytes on cortex-m7 cannot be met"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("one channel per group, smallest kernels"), std::string::npos);
    EXPECT_NE(message.find("% over"), std::string::npos) << message;
}

TEST(Limits, TheRepairRemovesTheWeakestChannelsUntilEveryLimitIsMet) {
    const Graph seed = zooModel("ds_cnn", 1);
    const Target& device = target(kDefaultTarget);
    const double flash = measure(seed).total("flash"), ram = measure(seed).total("peak_ram");
    const std::vector<Limit> limits{{"flash", 0.3 * flash}, {"peak_ram", 0.5 * ram}};
    Space space(seed, {Dimension{"channels"}, Dimension{"kernels"}});
    const Repair repair = repairToLimits(space.impl(), limits, device);
    EXPECT_TRUE(repair.ran);
    EXPECT_GT(repair.count("channels"), 0);
    const Measurement m = measure(exportPruned(space));
    EXPECT_TRUE(allMet(limitStatus(limits, m.totals)));
    // Within the limits already: nothing to do.
    Space full(seed, {Dimension{"channels"}, Dimension{"kernels"}});
    EXPECT_FALSE(repairToLimits(full.impl(), {{"flash", flash}}, device).ran);
}

// Under a peak RAM limit, removing channels outside the step that sets the peak does not help:
// the repair keeps them, where removing the weakest channels blindly would not.
TEST(Limits, TheRepairKeepsChannelsThatDoNotBringThePeakDown) {
    const Graph seed = zooModel("ds_cnn", 1);
    const Target& device = target(kDefaultTarget);
    const double limit = 0.6 * measure(seed).total("peak_ram");
    const auto weakestLast = [](Space& space) {
        torch::NoGradGuard noGrad;
        torch::Tensor& logits = space.impl().channelLogits;
        logits.copy_(torch::linspace(3.0, 1.0, logits.numel()));  // the head's channels weakest
    };
    Space aware(seed, {Dimension{"channels"}});
    weakestLast(aware);
    const Repair repair = repairToLimits(aware.impl(), {{"peak_ram", limit}}, device);
    EXPECT_TRUE(repair.ran);
    const Measurement repaired = measure(exportPruned(aware));
    EXPECT_LE(repaired.total("peak_ram"), limit);

    // The blind order: weakest first, until the limit is met.
    Space blind(seed, {Dimension{"channels"}});
    weakestLast(blind);
    SpaceImpl& s = blind.impl();
    const CostModel peak(s, "peak_ram", device.name);
    int removed = 0;
    {
        torch::NoGradGuard noGrad;
        for (int64_t i = s.channelLogits.numel() - 1;
             i >= 0 && peak.evaluate(s.stepMasks()).item<double>() > limit; --i) {
            s.channelLogits[i].fill_(-10.0);
            if (!s.keptChannels()[static_cast<size_t>(i)]) ++removed;
        }
    }
    std::cout << "peak RAM repair removed " << repair.count("channels")
              << " channels; the blind order removes " << removed << "\n";
    EXPECT_LT(repair.count("channels"), removed);
    EXPECT_GT(repaired.total("flash"), measure(exportPruned(blind)).total("flash"));
}

// Two random limits per zoo model at 5-80 % of the seed's cost (raised to what the smallest
// network of the space needs), a short search, and the export meets both.
TEST(Limits, EveryExportOverTheZooMeetsRandomLimits) {
    std::mt19937_64 random(7);
    const std::vector<std::string> costs{"flash", "peak_ram", "latency_ms", "energy_uj", "macs"};
    int cases = 0, metBySearch = 0;
    for (const ZooEntry& entry : zooModels()) {
        const Graph seed = zooModel(entry.name, 3);
        SearchOptions o;
        o.dimensions = {Dimension{"channels"}, Dimension{"kernels"}};
        o.warmupEpochs = 0;
        o.searchEpochs = 3;
        o.finetuneEpochs = 0;
        o.maxTrainSamples = 256;
        o.maxEvalSamples = 32;
        o.batchSize = 16;
        o.threads = 1;
        Space smallest(seed, o.dimensions);
        smallest.keepSmallest();
        const Measurement least = measure(exportPruned(smallest)), full = measure(seed);
        std::uniform_real_distribution<double> fraction(0.05, 0.8);
        std::vector<std::string> pool = costs;
        std::shuffle(pool.begin(), pool.end(), random);
        for (size_t i = 0; i < 2; ++i) {
            const double wanted = fraction(random) * full.total(pool[i]);
            o.limits.push_back({pool[i], std::max(wanted, 1.01 * least.total(pool[i]))});
        }
        const Task task = makeSyntheticTask(seed, {256, 32, 1});
        const SearchResult result = runSearch(seed, task, o);
        ++cases;
        if (!result.repair.ran) ++metBySearch;
        EXPECT_TRUE(allMet(result.limits)) << entry.name;
        EXPECT_TRUE(allMet(limitStatus(o.limits, measure(result.exported).totals))) << entry.name;
    }
    std::cout << "limits met by the search alone in " << metBySearch << " of " << cases
              << " zoo models (the repair met the rest)\n";
    RecordProperty("met_by_search", metBySearch);
    RecordProperty("cases", cases);
}

}  // namespace
}  // namespace secateur
