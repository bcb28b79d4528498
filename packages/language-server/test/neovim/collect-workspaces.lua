-- Headless Neovim (0.7+) as an LSP client with several workspace folders: start kpi-language-server
-- over stdio with the folders of $KPI_FOLDERS (";"-separated), open the first file of $KPI_FILES
-- (";"-separated), wait until every workspace is indexed (the server logs it, after publishing their
-- diagnostics) and every one of those files has non-empty diagnostics, and write them as JSON
-- ({ ok, diagnostics = { [path] = list } }) to $KPI_OUT.
local server = os.getenv("KPI_SERVER")
local out = os.getenv("KPI_OUT")
local folders, files = {}, {}
for folder in string.gmatch(os.getenv("KPI_FOLDERS"), "[^;]+") do
  table.insert(folders, { uri = vim.uri_from_fname(folder), name = folder })
end
for file in string.gmatch(os.getenv("KPI_FILES"), "[^;]+") do
  table.insert(files, file)
end
local received = {}
local indexed = false

local client_id = vim.lsp.start_client({
  name = "kpi",
  cmd = { "node", server, "--stdio" },
  root_dir = vim.uri_to_fname(folders[1].uri),
  workspace_folders = folders,
  init_options = { today = "2026-11-27", debounceMs = 0 },
  handlers = {
    ["textDocument/publishDiagnostics"] = function(_, result)
      if result then received[vim.uri_to_fname(result.uri)] = result.diagnostics end
    end,
    ["window/logMessage"] = function(_, result)
      if result and string.find(result.message, "kpi: every workspace indexed", 1, true) == 1 then
        indexed = true
      end
    end,
  },
})

vim.cmd("edit " .. vim.fn.fnameescape(files[1]))
vim.lsp.buf_attach_client(0, client_id)

local function all_received()
  if not indexed then return false end
  for _, file in ipairs(files) do
    if received[file] == nil or #received[file] == 0 then return false end
  end
  return true
end

local ok = vim.wait(60000, all_received, 50)
local handle = io.open(out, "w")
handle:write(vim.fn.json_encode({ ok = ok, diagnostics = received }))
handle:close()
vim.lsp.stop_client(client_id)
vim.cmd("qall!")
