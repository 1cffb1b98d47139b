// Precompiled header for the engine's sources and tests: LibTorch is heavy to parse.
#pragma once
#include <torch/script.h>
#include <torch/torch.h>
