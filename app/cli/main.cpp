// secateur: the headless tool. `secateur help` lists the commands.
#include <iostream>

#include "app/cli/commands.h"

namespace {

constexpr const char* kUsage = R"(usage: secateur COMMAND [options]

commands:
  info FILE|--zoo NAME [--input-shape 1,3,32,32] [--keep-whole MODULE ...] [--json]
        per-layer table (kind, channels, kernel, dilation, params, MACs) of a TorchScript file,
        a Secateur model (.json) or a zoo model
  search PROJECT.json --out DIR
  search (--seed FILE.pt --input-shape S [--keep-whole MODULE ...] | --zoo NAME) --task synthetic
         [--dims NAME,NAME,...] [--cost macs|params] [--strength X]
         [--epochs N] [--warmup N] [--finetune N] [--batch N] [--seed-value N] --out DIR [--resume]
        searches and writes DIR/final.pt (TorchScript), DIR/final.json (Secateur model) and
        DIR/summary.json; DIR/checkpoint.pt after every epoch, which --resume continues from;
        --keep-whole (repeatable) runs a submodule as one frozen TorchScript call whose channels
        are never pruned (for ops the importer does not support, e.g. an LSTM head)
  export RUN_DIR [--format FORMAT] [--out FILE]
        exports the network a search left in RUN_DIR; formats: torchscript (the default, .pt)
  zoo   lists the built-in seed models
  dims [--json]
        lists the search dimensions --dims and project files can name, with the layers each
        applies to
)";

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
        std::cout << kUsage;
        return args.empty() ? 2 : 0;
    }
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    try {
        if (args[0] == "info") return secateur::cli::info(rest);
        if (args[0] == "search") return secateur::cli::search(rest);
        if (args[0] == "export") return secateur::cli::exportRun(rest);
        if (args[0] == "zoo") return secateur::cli::zoo(rest);
        if (args[0] == "data") return secateur::cli::data(rest);
        if (args[0] == "dims") return secateur::cli::dims(rest);
        std::cerr << "secateur: unknown command '" << args[0] << "'\n\n" << kUsage;
        return 2;
    } catch (const std::exception& e) {  // secateur::Error and anything from the libraries
        std::cerr << "secateur: error: " << e.what() << "\n";
        return 1;
    }
}
