#include "engine/data/features.h"

#include <cmath>

#include "engine/util/error.h"

namespace secateur {
namespace {

double hzToMel(double hz) {
    return 2595.0 * std::log10(1.0 + hz / 700.0);
}
double melToHz(double mel) {
    return 700.0 * (std::pow(10.0, mel / 2595.0) - 1.0);
}

// Triangular filters on the mel scale, [melBands, frameLength / 2 + 1].
torch::Tensor melFilterbank(const MelSettings& s) {
    const int64_t bins = s.frameLength / 2 + 1;
    std::vector<double> edges(static_cast<size_t>(s.melBands + 2));
    const double lo = hzToMel(s.fMin), hi = hzToMel(s.fMax);
    for (size_t i = 0; i < edges.size(); ++i)
        edges[i] = melToHz(lo + (hi - lo) * static_cast<double>(i) /
                                    static_cast<double>(edges.size() - 1));
    torch::Tensor bank = torch::zeros({s.melBands, bins}, torch::kFloat32);
    auto a = bank.accessor<float, 2>();
    for (int64_t m = 0; m < s.melBands; ++m) {
        const double left = edges[static_cast<size_t>(m)],
                     centre = edges[static_cast<size_t>(m + 1)],
                     right = edges[static_cast<size_t>(m + 2)];
        for (int64_t k = 0; k < bins; ++k) {
            const double hz = static_cast<double>(k) * s.sampleRate / s.frameLength;
            const double up = (hz - left) / (centre - left), down = (right - hz) / (right - centre);
            a[m][k] = static_cast<float>(std::max(0.0, std::min(up, down)));
        }
    }
    return bank;
}

// Orthonormal DCT-II, [coefficients, melBands].
torch::Tensor dctMatrix(int coefficients, int bands) {
    torch::Tensor d = torch::zeros({coefficients, bands}, torch::kFloat32);
    auto a = d.accessor<float, 2>();
    for (int k = 0; k < coefficients; ++k)
        for (int n = 0; n < bands; ++n)
            a[k][n] = static_cast<float>(std::sqrt((k == 0 ? 1.0 : 2.0) / bands) *
                                         std::cos(M_PI / bands * (n + 0.5) * k));
    return d;
}

}  // namespace

MelSettings MelSettings::fromJson(const nlohmann::json& j) {
    MelSettings s;
    s.sampleRate = j.value("sample_rate", s.sampleRate);
    s.frameLength = j.value("frame_length", s.frameLength);
    s.hop = j.value("hop", s.hop);
    s.melBands = j.value("mel_bands", s.melBands);
    s.coefficients = j.value("mfcc", s.coefficients);
    s.fMin = j.value("f_min", s.fMin);
    s.fMax = j.value("f_max", s.fMax);
    if (s.sampleRate < 1000 || s.frameLength < 16 || s.hop < 1 || s.melBands < 2 ||
        s.coefficients < 1 || s.coefficients > s.melBands || s.fMin < 0 ||
        s.fMax > s.sampleRate / 2.0 || s.fMin >= s.fMax)
        throw Error("audio feature settings " + j.dump() +
                    " are out of range (see docs/data.md: sample_rate >= 1000, frame_length >= "
                    "16, 1 <= mfcc <= mel_bands, 0 <= f_min < f_max <= sample_rate / 2)");
    return s;
}

torch::Tensor fitLength(const torch::Tensor& wave, int64_t samples) {
    const int64_t n = wave.size(0);
    if (n >= samples) return wave.slice(0, (n - samples) / 2, (n - samples) / 2 + samples);
    const int64_t left = (samples - n) / 2;
    return torch::constant_pad_nd(wave, {left, samples - n - left}, 0.0);
}

torch::Tensor logMel(const torch::Tensor& wave, const MelSettings& s) {
    const torch::Tensor spectrum = torch::stft(wave, s.frameLength, s.hop, s.frameLength,
                                               torch::hann_window(s.frameLength, torch::kFloat32),
                                               false, "reflect", false, true, true);
    const torch::Tensor power = spectrum.abs().pow(2);  // [bins, frames]
    return torch::log(melFilterbank(s).matmul(power) + 1e-6).transpose(0, 1).contiguous();
}

torch::Tensor mfcc(const torch::Tensor& wave, const MelSettings& s) {
    return logMel(wave, s).matmul(dctMatrix(s.coefficients, s.melBands).transpose(0, 1));
}

}  // namespace secateur
