export { startServer } from "./server.js";
export { DEFAULT_SETTINGS, readSettings, type ServerSettings } from "./settings.js";
export { WorkspaceUris } from "./uris.js";
