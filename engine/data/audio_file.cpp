#include "engine/data/audio_file.h"

#include <samplerate.h>
#include <sndfile.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "engine/util/error.h"

namespace secateur {

namespace {

struct SndfileCloser {
    void operator()(SNDFILE* file) const { sf_close(file); }
};
using SndfilePtr = std::unique_ptr<SNDFILE, SndfileCloser>;

constexpr sf_count_t kFramesPerRead = 1 << 16;

}  // namespace

Audio readAudio(const std::string& path) {
    SF_INFO info{};
    SndfilePtr file(sf_open(path.c_str(), SFM_READ, &info));
    if (!file) {
        const bool unknownFormat = sf_error(nullptr) == SF_ERR_UNRECOGNISED_FORMAT;
        throw Error(path + ": cannot read audio: " + sf_strerror(nullptr) +
                    (unknownFormat ? " (libsndfile reads WAV, AIFF, FLAC, Ogg/Vorbis, Opus, MP3 "
                                     "and more; convert the file to WAV first)"
                                   : ""));
    }
    if (info.channels <= 0 || info.samplerate <= 0) {
        throw Error(path + ": cannot read audio: the header gives " +
                    std::to_string(info.channels) + " channels at " +
                    std::to_string(info.samplerate) + " Hz");
    }

    // Read in chunks rather than trusting info.frames, which some formats only estimate.
    const auto channels = static_cast<size_t>(info.channels);
    std::vector<float> chunk(static_cast<size_t>(kFramesPerRead) * channels);
    Audio audio;
    audio.sampleRate = info.samplerate;
    if (info.frames > 0 && info.frames < (sf_count_t{1} << 32)) {
        audio.samples.reserve(static_cast<size_t>(info.frames));
    }
    for (;;) {
        const sf_count_t got = sf_readf_float(file.get(), chunk.data(), kFramesPerRead);
        if (got <= 0) break;
        for (sf_count_t frame = 0; frame < got; ++frame) {
            const float* first = chunk.data() + static_cast<size_t>(frame) * channels;
            float sum = 0.0f;
            for (size_t c = 0; c < channels; ++c) sum += first[c];
            // Float files may go past full scale; keep the promised range.
            audio.samples.push_back(std::clamp(sum / static_cast<float>(channels), -1.0f, 1.0f));
        }
    }
    if (sf_error(file.get()) != SF_ERR_NO_ERROR) {
        throw Error(path + ": cannot read audio: " + sf_strerror(file.get()) + " after " +
                    std::to_string(audio.samples.size()) + " samples");
    }
    if (audio.samples.empty()) {
        throw Error(path +
                    ": the audio file holds no samples (0 frames); record or pick a "
                    "non-empty file");
    }
    return audio;
}

std::vector<float> resample(const std::vector<float>& samples, int fromRate, int toRate) {
    if (fromRate <= 0 || toRate <= 0) {
        throw Error("resample: sample rates must be positive, got " + std::to_string(fromRate) +
                    " Hz to " + std::to_string(toRate) + " Hz");
    }
    if (fromRate == toRate || samples.empty()) return samples;

    const double ratio = static_cast<double>(toRate) / fromRate;
    if (!src_is_valid_ratio(ratio)) {
        throw Error("resample: " + std::to_string(fromRate) + " Hz to " + std::to_string(toRate) +
                    " Hz is a ratio libsamplerate cannot do in one step (1/256 to 256); "
                    "resample in two steps");
    }
    std::vector<float> out(static_cast<size_t>(std::ceil(samples.size() * ratio)) + 16);
    SRC_DATA data{};
    data.data_in = samples.data();
    data.input_frames = static_cast<long>(samples.size());
    data.data_out = out.data();
    data.output_frames = static_cast<long>(out.size());
    data.src_ratio = ratio;
    data.end_of_input = 1;
    const int status = src_simple(&data, SRC_SINC_MEDIUM_QUALITY, 1);
    if (status != 0) {
        throw Error("resample: libsamplerate failed converting " + std::to_string(fromRate) +
                    " Hz to " + std::to_string(toRate) + " Hz: " + src_strerror(status));
    }
    out.resize(static_cast<size_t>(data.output_frames_gen));
    return out;
}

}  // namespace secateur
