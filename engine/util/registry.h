// One registry for every kind of definition the engine grows by (ops, costs, targets, dimensions):
// definitions by name in registration order, lookup, listing and "did you mean" in one place.
#pragma once

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/util/error.h"
#include "engine/util/suggest.h"

namespace secateur {

template <typename Def>
class Registry {
public:
    // `what` names one entry in messages: "search dimension", "cost".
    explicit Registry(std::string what) : what_(std::move(what)) {}

    void add(const std::string& name, std::shared_ptr<const Def> def) {
        if (find(name)) throw Error(what_ + " '" + name + "' is registered twice");
        entries_.emplace_back(name, std::move(def));
    }
    // A definition that names itself in `info().name` (costs, dimensions).
    void add(std::shared_ptr<const Def> def) {
        const std::string name = def->info().name;
        add(name, std::move(def));
    }
    const Def* find(const std::string& name) const {
        const auto it = std::find_if(entries_.begin(), entries_.end(),
                                     [&](const auto& e) { return e.first == name; });
        return it == entries_.end() ? nullptr : it->second.get();
    }
    // Throws an Error naming the unknown entry, the nearest known one and all of them.
    const Def& get(const std::string& name) const {
        if (const Def* def = find(name)) return *def;
        throw Error(unknown(name));
    }
    // "unknown search dimension 'bits' (did you mean ...?); known: channels, kernels, dilations"
    std::string unknown(const std::string& name) const {
        const std::vector<std::string> known = names();
        return "unknown " + what_ + " '" + name + "'" + didYouMean(name, known) +
               "; known: " + joinNames(known);
    }
    std::vector<std::string> names() const {
        std::vector<std::string> result;
        for (const auto& e : entries_) result.push_back(e.first);
        return result;
    }
    std::vector<const Def*> all() const {
        std::vector<const Def*> result;
        for (const auto& e : entries_) result.push_back(e.second.get());
        return result;
    }
    const std::string& what() const { return what_; }

private:
    std::string what_;
    std::vector<std::pair<std::string, std::shared_ptr<const Def>>> entries_;
};

}  // namespace secateur
