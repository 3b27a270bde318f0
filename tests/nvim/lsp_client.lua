-- Neovim's built-in LSP client attached to `ecconf-check lsp` (run by tests/nvim_lsp_test.sh):
-- waits for the diagnostics of an edited buffer, asks for hover, completion, definition, symbols,
-- references, rename, formatting and code actions, and writes what it got, one line per fact, to $ECCONF_OUTPUT.
local binary = os.getenv("ECCONF_CHECK")
local root = os.getenv("ECCONF_WORKSPACE")
local lines = {}
local function say(text) table.insert(lines, (text:gsub(root, "${ROOT}"))) end
local timeout = 20000

local function open(path)
  vim.cmd("edit " .. vim.fn.fnameescape(root .. "/" .. path))
  return vim.api.nvim_get_current_buf()
end

local function request(client, buffer, method, params)
  params.textDocument = params.textDocument or vim.lsp.util.make_text_document_params(buffer)
  local answer, err = client.request_sync(method, params, timeout, buffer)
  if not answer then error(method .. ": no answer: " .. tostring(err)) end
  if answer.err then error(method .. ": " .. vim.inspect(answer.err)) end
  return answer.result
end

local function at(line, character) return { line = line, character = character } end

local function symbols(list, depth)
  for _, symbol in ipairs(list) do
    say(string.rep("  ", depth) .. "symbol " .. symbol.name .. " (kind " .. symbol.kind .. ") line " ..
      symbol.range.start.line .. "-" .. symbol.range["end"].line)
    symbols(symbol.children or {}, depth + 1)
  end
end

local function run()
  local client_id = vim.lsp.start_client({ name = "ecconf", cmd = { binary, "lsp" }, root_dir = root })
  if not client_id then error("cannot start " .. binary .. " lsp") end
  local client = vim.lsp.get_client_by_id(client_id)

  -- An included file, edited but not saved: the buffer is checked, from the main file that includes it.
  local limits = open("conf.d/limits.conf")
  vim.api.nvim_buf_set_lines(limits, -1, -1, false, { "Bogus = 1" })
  vim.lsp.buf_attach_client(limits, client_id)
  if not vim.wait(timeout, function() return #vim.diagnostic.get(limits) > 0 end, 20) then
    error("no diagnostics within " .. timeout .. " ms")
  end
  for _, d in ipairs(vim.diagnostic.get(limits)) do
    say(string.format("diagnostic %d:%d-%d:%d severity %d [%s] %s", d.lnum, d.col, d.end_lnum, d.end_col,
      d.severity, d.code, d.message))
  end

  local hover = request(client, limits, "textDocument/hover", { position = at(2, 3) })
  say("hover " .. hover.contents.kind)
  for line in vim.gsplit(hover.contents.value, "\n", true) do say("  " .. line) end

  local completion = request(client, limits, "textDocument/completion", { position = at(2, 12) })
  local labels = {}
  for _, item in ipairs(completion.items) do table.insert(labels, item.label) end
  say("completion after 'XMPP_Role = ': " .. table.concat(labels, " "))

  local main = open("ecelerity.conf")
  vim.lsp.buf_attach_client(main, client_id)
  local pool = request(client, main, "textDocument/completion", { position = at(7, 0) })
  labels = {}
  for _, item in ipairs(pool.items) do table.insert(labels, item.label .. " -> " .. item.insertText) end
  say("completion in ThreadPool: " .. table.concat(labels, ", "))
  for _, location in ipairs(request(client, main, "textDocument/definition", { position = at(2, 14) })) do
    say("definition " .. vim.uri_to_fname(location.uri) .. " line " .. location.range.start.line)
  end
  symbols(request(client, main, "textDocument/documentSymbol", {}), 0)

  -- References and rename of a thread pool declared in the main buffer and named in an included file.
  vim.api.nvim_buf_set_lines(main, -1, -1, false, { "ThreadPool \"smtp\" {", "}" })
  local esmtp = open("listeners.d/esmtp.conf")
  vim.api.nvim_buf_set_lines(esmtp, 1, 1, false, { "  Pool_Name = smtp" })
  vim.lsp.buf_attach_client(esmtp, client_id)
  local where = { position = at(1, 15), context = { includeDeclaration = true } }
  for _, location in ipairs(request(client, esmtp, "textDocument/references", where)) do
    say(string.format("reference %s %d:%d-%d:%d", vim.uri_to_fname(location.uri), location.range.start.line,
      location.range.start.character, location.range["end"].line, location.range["end"].character))
  end
  local edit = request(client, esmtp, "textDocument/rename", { position = at(1, 15), newName = "mail" })
  vim.lsp.util.apply_workspace_edit(edit, client.offset_encoding)
  say("renamed | " .. vim.api.nvim_buf_get_lines(main, -3, -2, false)[1])
  say("renamed | " .. vim.api.nvim_buf_get_lines(esmtp, 1, 2, false)[1])

  -- A new file, formatted through the client: the edits are applied to the buffer.
  local unformatted = open("unformatted.conf")
  vim.api.nvim_buf_set_lines(unformatted, 0, -1, false,
    { "Threadpool \"io\" {", "        Concurrency = 4", "}", "Domain \"a.example\" {", "Max_Outbound_Connections=3", "}" })
  vim.lsp.buf_attach_client(unformatted, client_id)
  vim.lsp.buf.formatting_sync(nil, timeout)
  for _, line in ipairs(vim.api.nvim_buf_get_lines(unformatted, 0, -1, false)) do say("formatted | " .. line) end

  -- A quick fix, applied by the client as a user would choose it from the list.
  local typo = open("typo.conf")
  vim.api.nvim_buf_set_lines(typo, 0, -1, false, { "Domain \"a.example\" {", "  Max_Outbound_Conections = 3", "}" })
  vim.lsp.buf_attach_client(typo, client_id)
  local actions = request(client, typo, "textDocument/codeAction",
    { range = { start = at(1, 3), ["end"] = at(1, 3) }, context = { diagnostics = {} } })
  for _, action in ipairs(actions) do
    say("code action " .. action.title .. (action.isPreferred and " (preferred)" or ""))
  end
  vim.lsp.util.apply_workspace_edit(actions[1].edit, client.offset_encoding)
  for _, line in ipairs(vim.api.nvim_buf_get_lines(typo, 0, -1, false)) do say("fixed | " .. line) end

  client.stop()
  vim.wait(timeout, function() return client.is_stopped() end, 20)
  say("stopped " .. tostring(client.is_stopped()))
end

local ok, problem = pcall(run)
if not ok then say("error: " .. tostring(problem)) end
vim.fn.writefile(lines, os.getenv("ECCONF_OUTPUT"))
vim.cmd(ok and "qall!" or "cquit! 1")
