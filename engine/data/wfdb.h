// Reading PhysioNet WFDB records as the MIT-BIH Arrhythmia Database stores them: text headers
// (.hea), format-212 signal files (.dat) and MIT-format annotation files (.atr).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace secateur::wfdb {

// One signal line of a header. Fields the line leaves out take WFDB's defaults.
struct SignalSpec {
    std::string file;
    int format = 0;
    double gain = 200.0;  // ADC units per physical unit (mV)
    int baseline = 0;     // defaults to adcZero
    int resolution = 0;   // bits; defaults to 12 for format 212
    int adcZero = 0;
    int firstValue = 0;
    int checksum = 0;  // 16-bit sum of all samples, as the header writes it (signed)
    std::string description;
    bool hasFirstValue = false;  // whether the header gave firstValue ...
    bool hasChecksum = false;    // ... and checksum, so readSignals can verify them
};

struct Header {
    std::string record;
    double frequency = 0;  // samples per second per signal
    int64_t samplesPerSignal = 0;
    std::vector<SignalSpec> signals;
    std::vector<std::string> comments;  // '#' lines, without the '#' and leading blanks
};

// Parses a single-segment header; the Error names the file and the line at fault.
Header readHeader(const std::string& heaPath);

// Samples in ADC units, [signal][t], from the files named in `header`, looked up in `folder`.
// Format 212 only; a samplesPerSignal of 0 lets the file's size decide. Checks each file's size
// against the header and each signal's first value and checksum; throws an Error naming the file on
// any mismatch.
std::vector<std::vector<int16_t>> readSignals(const std::string& folder, const Header& header);

struct Annotation {
    int64_t sample = 0;  // absolute sample number
    int code = 0;        // WFDB annotation code (1 = N, 5 = V, 28 = rhythm change, ...)
    int subtype = 0;
    int channel = 0;
    int num = 0;
    std::string aux;  // e.g. "(AFIB" on rhythm changes; trailing NULs removed
};

// Reads an MIT-format annotation file; the Error names the file and the byte offset at fault.
std::vector<Annotation> readAnnotations(const std::string& atrPath);

// The standard one-letter symbol of an annotation code ('N', 'V', '+', ...); 0 for codes that
// have none (NOTQRS and unused codes).
char annotationSymbol(int code);

// Whether the code labels a beat: N L R B A a J S V r F e j n E / f Q ?
bool isBeat(int code);

// AAMI class of a beat code: 'N' (N L R e j), 'S' (A a J S), 'V' (V E), 'F' (F), 'Q' (/ f Q);
// 0 for non-beats. The beats that class list leaves out go where AAMI EC57 puts them: B and n to
// 'N', r to 'V', ? to 'Q'.
char aamiClass(int code);

}  // namespace secateur::wfdb
