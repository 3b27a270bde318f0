#pragma once
// `ecconf-check lsp`: the language server on a pair of file descriptors (standard input and output).

#include <iosfwd>

namespace ecconf::lsp {

/// Serves the protocol until `exit` or the end of the input; problems of the transport go to `log`.
/// Returns the process's exit status: 0 after `shutdown` then `exit`, else 1.
int run_language_server(int input, int output, std::ostream& log);

}  // namespace ecconf::lsp
