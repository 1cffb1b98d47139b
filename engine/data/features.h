// Private header: audio features computed with LibTorch (log-mel spectrogram and MFCC), and clip
// length fitting. Every setting is documented in docs/data.md.
#pragma once

#include <torch/torch.h>

#include <nlohmann/json.hpp>

namespace secateur {

struct MelSettings {
    int sampleRate = 8000;
    int frameLength = 256;  // samples per analysis frame (Hann window, FFT of the same size)
    int hop = 160;          // samples between frames
    int melBands = 40;
    int coefficients = 10;  // MFCC coefficients kept (DCT-II, orthonormal)
    double fMin = 20.0, fMax = 4000.0;

    static MelSettings fromJson(const nlohmann::json& j);
};

// [T] -> [samples]: centred, zero-padded or cropped.
torch::Tensor fitLength(const torch::Tensor& wave, int64_t samples);
// [T] -> [frames, melBands], natural log of the mel-band power (+1e-6).
torch::Tensor logMel(const torch::Tensor& wave, const MelSettings& s);
// [T] -> [frames, coefficients].
torch::Tensor mfcc(const torch::Tensor& wave, const MelSettings& s);

}  // namespace secateur
