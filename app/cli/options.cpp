#include "app/cli/options.h"

#include "engine/util/error.h"

namespace secateur::cli {

Parsed parse(const Args& args, const std::set<std::string>& valued,
             const std::set<std::string>& flags) {
    Parsed p;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.rfind("--", 0) != 0) {
            p.positional.push_back(a);
        } else if (flags.count(a)) {
            p.flags.insert(a);
        } else if (valued.count(a)) {
            if (i + 1 >= args.size()) throw Error("option " + a + " needs a value");
            p.values[a] = args[++i];
            p.repeated[a].push_back(p.values[a]);
        } else {
            throw Error("unknown option '" + a + "' (see secateur help)");
        }
    }
    return p;
}

}  // namespace secateur::cli
