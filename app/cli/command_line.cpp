#include "app/cli/command_line.h"

#include <algorithm>
#include <cctype>

#include "engine/util/suggest.h"

namespace secateur::cli {
namespace {

// The command being parsed when the error came: the deepest subcommand the user named.
const CLI::App* innermost(const CLI::App& app) {
    const CLI::App* current = &app;
    for (;;) {
        const std::vector<const CLI::App*> chosen =
            current->get_subcommands([](const CLI::App* sub) { return sub->parsed(); });
        if (chosen.empty()) return current;
        current = chosen.front();
    }
}

std::string commandPath(const CLI::App* command) {
    std::string path;
    for (const CLI::App* c = command; c; c = c->get_parent())
        path = c->get_name() + (path.empty() ? "" : " " + path);
    return path;
}

std::vector<std::string> optionNames(const CLI::App* command) {
    std::vector<std::string> names;
    for (const CLI::App* c = command; c; c = c->get_parent()) {
        for (const CLI::Option* option : c->get_options()) {
            for (const std::string& n : option->get_lnames()) names.push_back("--" + n);
            for (const std::string& n : option->get_snames()) names.push_back("-" + n);
        }
        if (!c->get_fallthrough()) break;
    }
    return names;
}

std::vector<std::string> subcommandNames(const CLI::App* command) {
    std::vector<std::string> names;
    for (const CLI::App* sub : command->get_subcommands([](const CLI::App*) { return true; }))
        if (!sub->get_group().empty()) names.push_back(sub->get_name());
    return names;
}

}  // namespace

std::string oneOf(const std::vector<std::string>& names) {
    return " One of: " + joinNames(names) + ".";
}

std::string explainParseError(const CLI::App& app, const CLI::ParseError& error) {
    const CLI::App* command = innermost(app);
    const std::string path = commandPath(command);
    const std::string help = " (see " + path + " --help)";
    const std::vector<std::string> extras = app.remaining(true);
    const auto firstWhere = [&](bool option) {
        for (const std::string& e : extras)
            if ((e.rfind('-', 0) == 0) == option) return e;
        return std::string();
    };
    const std::string word = firstWhere(false), option = firstWhere(true);
    const std::vector<std::string> subcommands = subcommandNames(command);
    // A mistyped command comes first: the options after it belong to a command never reached.
    if (!word.empty() && !subcommands.empty())
        return "unknown command '" + word + "' for '" + path + "'" + didYouMean(word, subcommands) +
               "; commands: " + joinNames(subcommands) + help;
    // Then an unknown option: what else went wrong follows from it (its value taken for an
    // argument, say).
    if (!option.empty()) {
        const std::string name = option.substr(0, option.find('='));
        std::string hint = didYouMean(name, optionNames(command));
        if (name.size() == 2 && name[1] != '-') {  // -o: the long options that start alike
            std::vector<std::string> alike;
            for (const std::string& o : optionNames(command))
                if (o.rfind("--" + name.substr(1), 0) == 0) alike.push_back(o);
            hint = alike.empty() ? "" : " (did you mean " + joinNames(alike) + "?)";
        }
        return "unknown option '" + name + "' for '" + path + "'" + hint + help;
    }
    if (!word.empty()) return "unexpected argument '" + word + "' for '" + path + "'" + help;
    if (dynamic_cast<const CLI::RequiredError*>(&error) && !subcommands.empty())
        return "give a command: " + joinNames(subcommands) + help;
    if (dynamic_cast<const CLI::ExcludesError*>(&error)) {  // CLI11 says "file excludes --zoo"
        const std::string text = error.what();
        const size_t at = text.find(" excludes ");
        if (at != std::string::npos) {
            // Positional arguments by their placeholder (FILE), options as typed.
            const auto shown = [](std::string name) {
                if (name.rfind('-', 0) != 0)
                    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) {
                        return static_cast<char>(std::toupper(c));
                    });
                return name;
            };
            return "give " + shown(text.substr(0, at)) + " or " + shown(text.substr(at + 10)) +
                   ", not both" + help;
        }
    }
    return std::string(error.what()) + help;
}

CLI::Validator wholeNumber(int minimum) {
    return CLI::Validator(
        [minimum](const std::string& text) -> std::string {
            size_t used = 0;
            int value = 0;
            try {
                value = std::stoi(text, &used);
            } catch (const std::exception&) {
                used = 0;
            }
            if (used == 0 || used != text.size()) return "'" + text + "' is not a whole number";
            if (value < minimum)
                return "must be at least " + std::to_string(minimum) + ", got " + text;
            return {};
        },
        minimum > 0 ? "N>=" + std::to_string(minimum) : "N");
}

std::string bashCompletion(const CLI::App& app) {
    // One case per command path ("search", "data get"): the words that may follow it.
    std::string cases, known = "|";
    std::vector<std::pair<std::string, const CLI::App*>> pending{{"", &app}};
    while (!pending.empty()) {
        const auto [prefix, command] = pending.back();
        pending.pop_back();
        std::string words;
        for (const CLI::App* sub :
             command->get_subcommands([](const CLI::App* c) { return !c->get_group().empty(); })) {
            const std::string path =
                prefix.empty() ? sub->get_name() : prefix + " " + sub->get_name();
            words += sub->get_name() + " ";
            known += path + "|";
            pending.emplace_back(path, sub);
        }
        for (const std::string& option : optionNames(command))
            if (option.rfind("--", 0) == 0) words += option + " ";
        if (!words.empty()) words.pop_back();
        cases += "        \"" + prefix + "\") words=\"" + words + "\" ;;\n";
    }
    const std::string name = app.get_name();
    return "# bash completion for " + name + ", generated from its option declarations\n" + "_" +
           name +
           "() {\n"
           "    local cur=${COMP_WORDS[COMP_CWORD]} path=\"\" next w words\n"
           "    local known=\"" +
           known +
           "\"\n"
           "    for w in \"${COMP_WORDS[@]:1:COMP_CWORD-1}\"; do\n"
           "        next=\"${path:+$path }$w\"\n"
           "        [[ \"$known\" == *\"|$next|\"* ]] && path=\"$next\"\n"
           "    done\n"
           "    case \"$path\" in\n" +
           cases +
           "    esac\n"
           "    COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
           "    [ ${#COMPREPLY[@]} -eq 0 ] && COMPREPLY=($(compgen -f -- \"$cur\"))\n"
           "}\n"
           "complete -F _" +
           name + " " + name + "\n";
}

}  // namespace secateur::cli
