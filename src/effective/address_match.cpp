#include "address_match.hpp"

#include <memory>
#include <string>
#include <unordered_map>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

namespace ecconf {

namespace {

// Bounds on one match: a catastrophic pattern gives up in milliseconds instead of minutes.
constexpr std::uint32_t match_limit = 1'000'000;
constexpr std::uint32_t depth_limit = 10'000;
// Compiled patterns kept per thread (check_each runs configurations on several); cleared past this many.
constexpr std::size_t cached_patterns = 4096;

struct compiled_pattern {
    std::unique_ptr<pcre2_code, decltype(&pcre2_code_free)> code{nullptr, pcre2_code_free};
};

const pcre2_code* compiled(std::string_view pattern)
{
    thread_local std::unordered_map<std::string, compiled_pattern> cache;
    if (const auto found = cache.find(std::string(pattern)); found != cache.end()) return found->second.code.get();
    if (cache.size() >= cached_patterns) cache.clear();
    int code = 0;
    PCRE2_SIZE at = 0;
    compiled_pattern entry;
    entry.code.reset(pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), PCRE2_CASELESS, &code,
                                   &at, nullptr));
    if (entry.code)
        pcre2_jit_compile(entry.code.get(), PCRE2_JIT_COMPLETE);  // where the JIT is missing, the interpreter runs
    return cache.emplace(std::string(pattern), std::move(entry)).first->second.code.get();
}

}  // namespace

regex_verdict match_regex_instance(std::string_view regex_instance, std::string_view name)
{
    if (regex_instance.size() < 2 || regex_instance.front() != '/' || regex_instance.back() != '/')
        return regex_verdict::no_match;
    const auto* pattern = compiled(regex_instance.substr(1, regex_instance.size() - 2));
    if (!pattern) return regex_verdict::no_match;
    const std::unique_ptr<pcre2_match_context, decltype(&pcre2_match_context_free)> context(
        pcre2_match_context_create(nullptr), pcre2_match_context_free);
    pcre2_set_match_limit(context.get(), match_limit);
    pcre2_set_depth_limit(context.get(), depth_limit);
    const std::unique_ptr<pcre2_match_data, decltype(&pcre2_match_data_free)> match(
        pcre2_match_data_create_from_pattern(pattern, nullptr), pcre2_match_data_free);
    const int found =
        pcre2_match(pattern, reinterpret_cast<PCRE2_SPTR>(name.data()), name.size(), 0, 0, match.get(), context.get());
    if (found >= 0) return regex_verdict::match;
    return found == PCRE2_ERROR_NOMATCH ? regex_verdict::no_match : regex_verdict::undecided;
}

}  // namespace ecconf
