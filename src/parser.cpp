#include "ecconf/parser.hpp"

#include "parse_actions.hpp"
#include "pegtl_input.hpp"
#include "utf8_check.hpp"

namespace ecconf {
namespace {

bool same_line(std::string_view bytes, std::uint32_t from, std::uint32_t to)
{
    return bytes.substr(from, to - from).find('\n') == std::string_view::npos;
}

// Gives each statement the comments around it, so that a formatter can print the file back.
class comment_attacher {
public:
    comment_attacher(const std::vector<comment>& comments, std::string_view bytes) : comments_(comments), bytes_(bytes) {}

    void attach(std::vector<statement>& statements)
    {
        for (auto& st : statements) {
            take_before(st.range.begin, st.leading_comments);
            attach(st.body);
            take_before(st.range.end, st.inner_comments);
            while (next_ < comments_.size() && comments_[next_].range.begin >= st.range.end &&
                   same_line(bytes_, st.range.end, comments_[next_].range.begin))
                st.trailing_comments.push_back(comments_[next_++]);
        }
    }

    void take_rest(std::vector<comment>& into) { take_before(UINT32_MAX, into); }

private:
    void take_before(std::uint32_t offset, std::vector<comment>& into)
    {
        while (next_ < comments_.size() && comments_[next_].range.begin < offset) into.push_back(comments_[next_++]);
    }

    const std::vector<comment>& comments_;
    std::string_view bytes_;
    std::size_t next_ = 0;
};

}  // namespace

syntax_file parse_source(const source_manager& sources, file_id file, diagnostic_sink& sink, const parse_limits& limits)
{
    const auto bytes = sources.file(file).bytes();
    parse_state state(sources, file, sink, limits);
    pegtl_input in(bytes.data(), bytes.data() + bytes.size(), sources.file(file).path());
    try {
        tao::pegtl::parse<grammar::config_file, parse_actions::action, parse_actions::control>(in, state);
    }
    catch (const parse_aborted&) {
        // The limit is already reported; keep what was complete.
    }
    catch (const grammar::statement_failed&) {
        // Only an unterminated comment fails outside a statement; it runs to the end of the file.
    }
    report_invalid_utf8(bytes, file, sink);
    syntax_file result = state.finish();
    comment_attacher attacher(result.comments, bytes);
    attacher.attach(result.statements);
    attacher.take_rest(result.trailing_comments);
    return result;
}

}  // namespace ecconf
