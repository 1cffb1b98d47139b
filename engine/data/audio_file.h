// Reading audio files as mono float samples (libsndfile) and changing their rate (libsamplerate).
#pragma once

#include <string>
#include <vector>

namespace secateur {

struct Audio {
    std::vector<float> samples;  // mono, in [-1, 1]
    int sampleRate = 0;
};

// Any format libsndfile reads; several channels are averaged to mono. Throws an Error naming
// the file and libsndfile's reason when it cannot be read, or when it holds no samples.
Audio readAudio(const std::string& path);

// Band-limited resampling (SRC_SINC_MEDIUM_QUALITY); returns the samples unchanged when the
// rates are equal. Throws an Error for non-positive rates or a ratio libsamplerate refuses.
std::vector<float> resample(const std::vector<float>& samples, int fromRate, int toRate);

}  // namespace secateur
