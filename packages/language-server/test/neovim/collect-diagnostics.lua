-- Headless Neovim (0.7+) as an LSP client nobody in this project wrote: start kpi-language-server over
-- stdio, open one file, wait for its diagnostics and write them as JSON to $KPI_OUT.
local server = os.getenv("KPI_SERVER")
local root = os.getenv("KPI_ROOT")
local file = os.getenv("KPI_FILE")
local out = os.getenv("KPI_OUT")
local received = nil

local client_id = vim.lsp.start_client({
  name = "kpi",
  cmd = { "node", server, "--stdio" },
  root_dir = root,
  init_options = { today = "2026-11-27", debounceMs = 0 },
  handlers = {
    ["textDocument/publishDiagnostics"] = function(_, result)
      if result and vim.uri_to_fname(result.uri) == file and #result.diagnostics > 0 then
        received = result.diagnostics
      end
    end,
  },
})

vim.cmd("edit " .. vim.fn.fnameescape(file))
vim.lsp.buf_attach_client(0, client_id)

local ok = vim.wait(60000, function() return received ~= nil end, 50)
local handle = io.open(out, "w")
handle:write(vim.fn.json_encode({ ok = ok, diagnostics = received or {} }))
handle:close()
vim.lsp.stop_client(client_id)
vim.cmd("qall!")
