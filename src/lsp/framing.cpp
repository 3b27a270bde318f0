#include "lsp/framing.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace ecconf::lsp {
namespace {

constexpr std::string_view header_end = "\r\n\r\n";
constexpr std::string_view length_header = "content-length";
constexpr std::size_t max_header_block = 8192;
constexpr std::size_t max_quoted_header = 80;  ///< of a bad header line quoted in an error

std::string_view trim(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

bool equals_ignoring_case(std::string_view a, std::string_view b)
{
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
    return true;
}

}  // namespace

void frame_decoder::feed(std::string_view bytes)
{
    const auto dropped = std::min(skipping_, bytes.size());
    skipping_ -= dropped;
    bytes.remove_prefix(dropped);
    pending_.append(bytes);
    cut();
}

frame frame_decoder::take()
{
    auto next = std::move(frames_.front());
    frames_.pop_front();
    return next;
}

void frame_decoder::cut()
{
    std::size_t start = 0;
    while (skipping_ == 0) {
        const auto end = pending_.find(header_end, start);
        if (end == std::string::npos) {
            // Headers take a few dozen bytes: past the limit the client is not sending frames. What came is
            // dropped but its last bytes, which may begin the "\r\n\r\n" that ends the block.
            if (pending_.size() - start > max_header_block) {
                frames_.push_back({{}, "header block longer than " + std::to_string(max_header_block) + " bytes"});
                start = pending_.size() - (header_end.size() - 1);
            }
            break;
        }
        std::size_t length = 0;
        const auto body_start = end + header_end.size();
        if (!read_headers(std::string_view(pending_).substr(start, end - start), length)) {
            start = body_start;
            continue;
        }
        if (length > max_body_) {
            frames_.push_back({{},
                               "message of " + std::to_string(length) + " bytes refused: the limit is " +
                                   std::to_string(max_body_) + " bytes"});
            const auto available = std::min(length, pending_.size() - body_start);
            skipping_ = length - available;
            start = body_start + available;
            continue;
        }
        if (pending_.size() - body_start < length) break;
        frames_.push_back({pending_.substr(body_start, length), {}});
        start = body_start + length;
    }
    pending_.erase(0, skipping_ > 0 ? pending_.size() : start);
}

bool frame_decoder::read_headers(std::string_view block, std::size_t& length)
{
    bool found = false;
    while (!block.empty()) {
        const auto line_end = block.find("\r\n");
        const auto line = block.substr(0, line_end);
        block = line_end == std::string_view::npos ? std::string_view() : block.substr(line_end + 2);
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) {
            frames_.push_back({{}, "malformed header line '" + std::string(line.substr(0, max_quoted_header)) + "'"});
            return false;
        }
        if (!equals_ignoring_case(trim(line.substr(0, colon)), length_header)) continue;
        const auto value = trim(line.substr(colon + 1));
        const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), length);
        if (error != std::errc() || end != value.data() + value.size() || value.empty()) {
            frames_.push_back({{}, "bad Content-Length '" + std::string(value.substr(0, max_quoted_header)) + "'"});
            return false;
        }
        found = true;
    }
    if (!found) frames_.push_back({{}, "header block without Content-Length"});
    return found;
}

std::string encode_frame(std::string_view body)
{
    std::string framed = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    framed.append(body);
    return framed;
}

}  // namespace ecconf::lsp
